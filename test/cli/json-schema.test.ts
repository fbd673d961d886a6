/**
 * The JSON Schema that `yip --json-schema` prints, as editors and CI linters use it: the copy
 * committed in packages/cli/config.schema.json is what the command prints today, a standard
 * validator (Ajv, draft 2020-12) accepts every real config of the corpus — cloud-config files
 * too — except for the mistakes yipts itself warns about, and rejects known-bad files.
 */
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { parse } from 'yaml';
import { CORPUS_DIR, corpusYamlFiles } from '../fixtures/corpus.js';
import { REPO, yip } from '../helpers/cli.js';

const COMMITTED = join(REPO, 'packages/cli/config.schema.json');

/** Corpus files with a real mistake in them, and the key the schema must point at. */
const KNOWN_MISTAKES: Readonly<Record<string, string>> = {
  'cos-toolkit/packages/cloud-config/oem/08_boot_assessment.yaml': 'permsisions',
  'kairos/kairos-init/pkg/bundled/cloudconfigs/08_grub.yaml': 'permsisions',
  'kairos/kairos-init/pkg/bundled/cloudconfigs/10_accounting.yaml': 'permsisions',
  // Configs of `elemental install` kept beside yip configs in its tests: `install` is not a yip key.
  'elemental-toolkit/tests/assets/custom_partitions.yaml': 'install',
  'elemental-toolkit/tests/assets/squashed_recovery.yaml': 'install',
};

function validator() {
  const schema = JSON.parse(readFileSync(COMMITTED, 'utf8')) as object;
  return new Ajv2020({ allErrors: true, strict: true, strictTypes: false }).compile(schema);
}

/** YAML 1.1, as yip reads configs (0644 is octal). */
const load = (text: string): unknown => parse(text, { version: '1.1' }) ?? {};

const schema = suite('JSON Schema of a config');

schema('the committed copy is what the command prints (run `pnpm schema` after changing a schema)', async () => {
  const r = await yip(['--json-schema']);
  assert.is(r.code, 0, r.stderr);
  assert.equal(JSON.parse(r.stdout), JSON.parse(readFileSync(COMMITTED, 'utf8')));
});

schema('it has an $id, and every key at every depth has a description', () => {
  const doc = JSON.parse(readFileSync(COMMITTED, 'utf8')) as Record<string, unknown>;
  assert.is(doc.$id, 'urn:yipts:schema:config');
  const missing: string[] = [];
  const walk = (node: unknown, path: string): void => {
    if (!node || typeof node !== 'object') return;
    const n = node as Record<string, unknown>;
    for (const [k, v] of Object.entries((n.properties as Record<string, unknown>) ?? {})) {
      if (!(v as { description?: string }).description) missing.push(`${path}.${k}`);
      walk(v, `${path}.${k}`);
    }
    walk(n.items, `${path}[]`);
    if (typeof n.additionalProperties === 'object') walk(n.additionalProperties, `${path}.*`);
    for (const alt of (n.anyOf as unknown[]) ?? []) walk(alt, path);
  };
  walk(doc, '');
  assert.equal(missing, []);
});

schema('every corpus file validates, but for the mistakes yipts warns about too', () => {
  const validate = validator();
  const files = corpusYamlFiles();
  assert.ok(files.length >= 60);
  const flagged: Record<string, string> = {};
  for (const file of files) {
    if (validate(load(readFileSync(file, 'utf8')))) continue;
    const extra = (validate.errors ?? []).map((e) => (e.params as { additionalProperty?: string }).additionalProperty).find(Boolean);
    flagged[relative(CORPUS_DIR, file)] = extra ?? JSON.stringify(validate.errors?.slice(0, 3));
  }
  assert.equal(flagged, KNOWN_MISTAKES);
});

schema('a #cloud-config file of the corpus is a valid document on its own terms', () => {
  const validate = validator();
  const cloud = corpusYamlFiles().filter((f) => readFileSync(f, 'utf8').startsWith('#cloud-config'));
  const inline = `#cloud-config
hostname: edge-{{ trunc 4 .MachineID }}
users:
  - name: kairos
    passwd: kairos
    groups: admin, wheel
    ssh_authorized_keys: [github:someone]
ssh_authorized_keys:
  - ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGb6 user@host
write_files:
  - path: /etc/motd
    content: hello
    permissions: "0644"
    owner: root:root
runcmd:
  - echo hi
  - [touch, /tmp/a b]
growpart:
  devices: [/dev/sda]
stages:
  boot:
    - commands: [true]
`;
  for (const text of [inline, ...cloud.map((f) => readFileSync(f, 'utf8'))])
    assert.ok(validate(load(text)), JSON.stringify(validate.errors));
});

schema('known-bad documents are rejected at the right place', () => {
  const validate = validator();
  const cases: [string, string][] = [
    ['stages:\n  boot:\n    - comands: [true]\n', '/stages/boot/0'],
    ['stages:\n  boot:\n    files:\n      - path: /a\n', '/stages/boot'],
    ['stages:\n  boot:\n    - files: {path: /a}\n', '/stages/boot/0/files'],
    ['stages:\n  boot:\n    - after: [a]\n', '/stages/boot/0/after/0'],
    ['stages:\n  boot:\n    - users: [alice]\n', '/stages/boot/0/users'],
    ['#cloud-config\nwrite_files:\n  - content: x\n', '/write_files/0'],
    ['#cloud-config\nruncmd: {a: b}\n', '/runcmd'],
  ];
  for (const [text, path] of cases) {
    assert.not.ok(validate(load(text)), text);
    assert.ok(
      validate.errors!.some((e) => e.instancePath === path),
      `${text}: ${JSON.stringify(validate.errors!.map((e) => e.instancePath))}`,
    );
  }
});

schema.run();
