/**
 * Every key that writes, times every way a config path can try to leave the target root: `..`
 * climbing above it, an absolute link to a host directory, a relative link climbing out, a link
 * as the last component, and the host file systems the mount plugin binds into the root (/dev,
 * /proc, /sys, read-only). The real `yip --root R` runs each; nothing outside R may change, the
 * links are followed inside R (the writes land there), and the bound host file systems are
 * refused with an error naming the path. Mount points are covered by plugins/mount/test/escape.test.ts.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { startHttpServer } from '../fixtures/http-server.js';
import type { TestHttpServer } from '../fixtures/http-server.js';
import { cliCommand, yip } from '../helpers/cli.js';
import { removeTempDirs, tempDir, writeTree } from '../helpers/tmp.js';
import { treeChanges, treeSnapshot } from './tree-snapshot.js';

const KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIG2ulbHCKO2yGvJ2kWjX6bNzg7fxZbVvR+3Vqwz5Gg2t escape@matrix';
const asRoot = process.getuid?.() === 0;
const s = suite('escape matrix: writing keys × ways out of the root');
let server: TestHttpServer;
s.before(async () => {
  server = await startHttpServer({ '/blob': 'downloaded\n' });
  cliCommand(); // built once, before the runs
});
s.after(async () => {
  await server.close();
  removeTempDirs();
});

/** What each writing key writes under a base directory, by the name it uses there. */
const KEYS: ReadonlyArray<{ readonly key: string; readonly name: string; readonly step: (base: string, url: string) => string }> = [
  { key: 'files', name: 'file', step: (b) => `    - files: [{path: ${b}/file, content: x, permissions: 0640}]` },
  { key: 'directories', name: 'dir', step: (b) => `    - directories: [{path: ${b}/dir, permissions: 0700, owner: 4242}]` },
  {
    key: 'users + ssh_authorized_keys',
    name: 'home',
    step: (b) => `    - users: {escaper: {homedir: ${b}/home, ssh_authorized_keys: ["${KEY}"]}}`,
  },
  { key: 'downloads', name: 'download', step: (b, u) => `    - downloads: [{url: "${u}/blob", path: ${b}/download}]` },
  { key: 'environment_file', name: 'environment', step: (b) => `    - {environment_file: ${b}/environment, environment: {A: "1"}}` },
  { key: 'dns', name: 'resolv.conf', step: (b) => `    - dns: {path: ${b}/resolv.conf, nameservers: [192.0.2.53]}` },
  { key: 'git', name: 'repo', step: (b) => `    - git: {url: /srcrepo, path: ${b}/repo}` },
];

interface Variant {
  readonly name: string;
  /** Prepares the root; returns the base directory the keys write under, as the config names it. */
  readonly base: (root: string, outside: string) => string;
  /** Where the writes land inside the root (relative), or undefined when they are refused. */
  readonly landsIn?: (outside: string) => string;
}

const VARIANTS: readonly Variant[] = [
  { name: '`..` above the root', base: (_r, o) => `/../../../../../../..${o}`, landsIn: (o) => o },
  {
    name: 'absolute link to a host directory',
    base: (r, o) => {
      symlinkSync(o, join(r, 'abs'));
      return '/abs';
    },
    landsIn: (o) => o,
  },
  {
    name: 'relative link climbing out',
    base: (r, o) => {
      symlinkSync(`../../../../../../../..${o}`, join(r, 'rel'));
      return '/rel';
    },
    landsIn: (o) => o,
  },
  {
    name: 'linked parent directory (a link to / below a real directory)',
    base: (r, o) => {
      mkdirSync(join(r, 'real'));
      symlinkSync('/', join(r, 'real/up'));
      return `/real/up${o}`;
    },
    landsIn: (o) => o,
  },
  { name: "the bound host's /dev", base: () => `/dev/yipts-escape-${process.pid}` },
  { name: "the bound host's /proc", base: () => `/proc/yipts-escape-${process.pid}` },
  { name: "the bound host's /sys", base: () => `/sys/yipts-escape-${process.pid}` },
];

function makeRoot(): string {
  const root = tempDir('yipts-escape-root-');
  writeTree(root, { 'etc/passwd': 'root:x:0:0:root:/root:/bin/sh\n', 'etc/group': 'root:x:0:\n', 'etc/shadow': 'root:*:19000::::::\n' });
  writeTree(root, { 'etc/gshadow': 'root:*::\n' });
  for (const d of ['dev', 'proc', 'sys']) mkdirSync(join(root, d));
  const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', ...args], { stdio: 'ignore' });
  git('init', '-q', join(root, 'srcrepo'));
  git('-C', join(root, 'srcrepo'), 'commit', '-q', '--allow-empty', '-m', 'one');
  return root;
}

let attempts = 0;
for (const variant of VARIANTS) {
  (asRoot ? s : s.skip)(`${variant.name}: nothing outside the root changes`, async () => {
    const root = makeRoot();
    const outside = tempDir('yipts-escape-outside-');
    writeTree(outside, { marker: 'host\n', 'dir/keep': 'host\n' });
    const before = treeSnapshot(outside);
    const base = variant.base(root, outside);
    const config = join(tempDir('yipts-escape-config-'), 'escape.yaml');
    writeFileSync(config, ['stages:', '  default:', ...KEYS.map((k) => k.step(base, server.url)), ''].join('\n'));
    const r = await yip(['-s', 'default', '--root', root, config], { env: { LOGLEVEL: 'error' } });
    if (process.env.YIPTS_SHOW_ESCAPES) console.log(r.stderr);
    attempts += KEYS.length;
    assert.equal(treeChanges(before, treeSnapshot(outside)), [], 'the host directory is as it was');
    if (variant.landsIn) {
      assert.is(r.code, 0, r.stderr);
      const landed = join(root, variant.landsIn(outside));
      assert.equal(readdirSync(landed).sort(), KEYS.map((k) => k.name).sort(), 'every key wrote inside the root');
    } else {
      assert.is(r.code, 1, 'the run fails');
      const host = base.replace(/^\/(dev|proc|sys)\//, '/$1/');
      assert.not.ok(existsSync(host), `nothing was made at the host's ${host}`);
      assert.not.match(r.stderr, /\/proc\/self\/fd/, 'messages name paths as the root sees them');
      for (const k of KEYS) {
        const line = r.stderr.split('\n').find((l) => l.includes(`${base}/${k.name}`) || (k.name === 'home' && l.includes(base)));
        assert.ok(line, `${k.key}: an error names the path (${base}/${k.name}):\n${r.stderr}`);
        assert.match(line!, /read-only|EROFS|ENOENT|EACCES|EPERM|does not exist/, `${k.key}: the error says why: ${line}`);
      }
    }
  });
}

s.after(() => console.log(`escapes: ${attempts} attempts (${KEYS.length} keys × ${VARIANTS.length} ways), 0 escapes`));
s.run();
