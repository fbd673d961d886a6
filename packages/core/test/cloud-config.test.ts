/** `#cloud-config` files turned into yip stages. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createExecutor, isCloudConfig, parseText, yipSchema } from '../src/index.js';
import type { Diagnostic, LoadedFile, PlannedStep } from '../src/index.js';
import { toPlain } from '../src/node.js';
import { INVALID } from '../src/schema/dsl.js';
import { inline } from './helpers.js';

const load = (text: string): LoadedFile => parseText(text, 'user-data', false);
const stage = (file: LoadedFile, name: string) => (file.stages.get(name) ?? []).map((n) => toPlain(n));

const SAMPLE = `#cloud-config
hostname: kairos-{{ trunc 4 .MachineID }}
users:
  - name: kairos
    passwd: kairos
    groups: admin, wheel
    ssh_authorized_keys: [ssh-ed25519 AAAA kairos@host]
  - name: bob
ssh_authorized_keys:
  - ssh-rsa BBBB top@host
  - github:mudler
  - gitlab:someone
write_files:
  - path: /etc/motd
    content: hello
    owner: kairos:admin
    permissions: '0640'
  - path: /etc/two
    permissions: 644
  - path: /etc/three
    permissions: 0600
runcmd:
  - echo one
  - [sh, -c, "echo it's two"]
growpart:
  devices: [/dev/sda, /dev/vdb]
stages:
  boot:
    - name: own boot step
      commands: [echo own]
  fs:
    - commands: [echo fs]
`;

test('isCloudConfig: the header alone on its line, before any non-comment line', () => {
  assert.ok(isCloudConfig('#cloud-config\nhostname: x\n'));
  assert.ok(isCloudConfig('# generated\n\n#cloud-config\nhostname: x\n'));
  assert.ok(isCloudConfig('  #cloud-config  \r\nhostname: x\r\n'));
  assert.not.ok(isCloudConfig('hostname: x\n#cloud-config\n'));
  assert.not.ok(isCloudConfig('#cloud-config: yes\n'));
  assert.not.ok(isCloudConfig('# cloud-config\n'));
  assert.not.ok(isCloudConfig('stages: {}\n'));
});

test("runcmd, write_files, users and local keys go to one `boot` step, followed by growpart and the file's own steps", () => {
  const file = load(SAMPLE);
  assert.ok(file.ok);
  assert.ok(file.cloudConfig);
  const boot = stage(file, 'boot') as Record<string, unknown>[];
  assert.is(boot.length, 4, 'converted step, two growpart steps, own step');
  assert.equal(Object.keys(boot[0]!), ['commands', 'files', 'users', 'authorized_keys']);
  assert.equal(boot[0]!.commands, ['echo one', `sh -c 'echo it'\\''s two'`]);
  assert.equal(boot[3], { name: 'own boot step', commands: ['echo own'] });
  assert.equal(stage(file, 'fs'), [{ commands: ['echo fs'] }]);
});

test('write_files: owner becomes ownerstring, permissions an octal string that the schema reads as octal', () => {
  const file = load(SAMPLE);
  const step = file.stages.get('boot')![0]!;
  if (step.kind !== 'map') return assert.unreachable('map');
  const filesNode = step.entries.find((e) => e.key === 'files')!.value;
  const plain = toPlain(filesNode) as Record<string, unknown>[];
  assert.is(plain[0]!.ownerstring, 'kairos:admin');
  assert.not.ok('owner' in plain[0]!);
  assert.equal(
    plain.map((f) => f.permissions),
    ['0640', '0644', '0600'],
  );
  const diagnostics: Diagnostic[] = [];
  const checked = yipSchema.actionSchemas.files.check(filesNode, { file: 'user-data', diagnostics });
  if (checked === INVALID) return assert.unreachable(JSON.stringify(diagnostics));
  assert.equal(
    checked.map((f) => f.permissions),
    [0o640, 0o644, 0o600],
  );
});

test('users: the list becomes a map by name; comma-separated groups become a list; keys move out', () => {
  const boot = stage(load(SAMPLE), 'boot') as Record<string, Record<string, unknown>>[];
  assert.equal(boot[0]!.users, { kairos: { passwd: 'kairos', groups: ['admin', 'wheel'] }, bob: {} });
});

test("a user's own keys, then the top-level ones, go to `authorized_keys`; github:/gitlab: keys to `network`", () => {
  const file = load(SAMPLE);
  const boot = stage(file, 'boot') as Record<string, unknown>[];
  assert.equal(boot[0]!.authorized_keys, {
    kairos: ['ssh-ed25519 AAAA kairos@host', 'ssh-rsa BBBB top@host'],
    bob: ['ssh-rsa BBBB top@host'],
  });
  assert.equal(stage(file, 'network'), [
    { authorized_keys: { kairos: ['github:mudler', 'gitlab:someone'], bob: ['github:mudler', 'gitlab:someone'] } },
  ]);
});

test('ssh_authorized_keys without users go to root', () => {
  const file = load('#cloud-config\nssh_authorized_keys: [ssh-rsa K, github:x]\n');
  assert.equal(stage(file, 'boot'), [{ authorized_keys: { root: ['ssh-rsa K'] } }]);
  assert.equal(stage(file, 'network'), [{ authorized_keys: { root: ['github:x'] } }]);
  assert.equal(stage(file, 'initramfs'), [{}], 'yip makes the three steps, empty or not');
});

test('hostname goes to `initramfs`, template kept for later rendering', () => {
  assert.equal(stage(load(SAMPLE), 'initramfs'), [{ hostname: 'kairos-{{ trunc 4 .MachineID }}' }]);
});

test('growpart devices become `boot` layout steps expanding the partition to the rest of the disk', () => {
  const boot = stage(load(SAMPLE), 'boot');
  assert.equal(boot[1], { name: 'Expand partition', layout: { device: { path: '/dev/sda' }, expand_partition: { size: 0 } } });
  assert.equal((boot[2] as { layout: { device: unknown } }).layout.device, { path: '/dev/vdb' });
});

test('a `stages:` block alone comes after the empty converted steps; the config has no name, as in yip', () => {
  const file = load('#cloud-config\nname: mine\nstages:\n  boot:\n    - commands: [a]\n');
  assert.is(file.name, undefined, 'step ids are named after the file');
  assert.equal(stage(file, 'boot'), [{}, { commands: ['a'] }]);
});

test('unsupported cloud-config keys are warnings with their line; a user without name is a warning', () => {
  const file = load('#cloud-config\npackages: [vim]\nusers:\n  - passwd: x\n');
  const unsupported = file.diagnostics.find((d) => d.message.includes('`packages`'));
  assert.ok(unsupported);
  assert.is(unsupported!.severity, 'warning');
  assert.is(unsupported!.line, 2);
  const noName = file.diagnostics.find((d) => d.message.includes('without `name`'));
  assert.ok(noName);
  assert.is(noName!.line, 4);
});

test('a non-cloud-config file with the same keys is a yip file: unknown top-level keys are warnings', () => {
  const file = load('runcmd: [echo]\nstages: {}\n');
  assert.not.ok(file.cloudConfig);
  assert.is(file.stages.size, 0);
  assert.ok(file.diagnostics.some((d) => d.code === 'unknown-key' && d.message.includes('`runcmd`')));
});

test('the converted steps validate against the full step schema with no error', async () => {
  const planned: PlannedStep[] = [];
  const executor = createExecutor({ plugins: [] });
  executor.hooks.planned.tap('test', (plan) => void planned.push(...plan.steps));
  const result = await executor.run({
    stages: ['boot', 'network', 'initramfs'].map((st) => ({ stage: st, sources: [inline('user-data', SAMPLE)] })),
    analyze: true,
  });
  const errors = result.stages.flatMap((st) => st.diagnostics).filter((d) => d.severity === 'error');
  assert.equal(errors, []);
  assert.equal(
    planned.flatMap((p) => p.problems),
    [],
  );
  assert.is(planned.length, 4 + 1 + 1);
  const first = planned[0]!.spec as { files: { permissions: number; ownerstring: string }[]; users: Record<string, { groups: string[] }> };
  assert.is(first.files[0]!.permissions, 0o640);
  assert.equal(first.users.kairos!.groups, ['admin', 'wheel']);
});

test.run();
