// The single executable where Node.js is not: copied into a busybox root that holds no node,
// only the shared libraries `ldd` lists for the executable, and run with chroot. It must do what
// the bundle does: files, commands, templates, downloads (from a loopback server), plugins of
// the executor configuration (CommonJS and ES modules), and a clear error for a plugin it cannot
// load.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { copyFileSync, existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { busyboxRoot, inRoot, run, startHttpServer } from '../fixtures/index.js';
import type { TempRoot, TestHttpServer } from '../fixtures/index.js';
import { cliCommand } from '../helpers/cli.js';

const test = suite('single executable in a busybox root without Node.js');
let root: TempRoot;
let server: TestHttpServer;

/** The absolute paths `ldd` lists for a program: its shared libraries and the dynamic loader. */
async function sharedLibraries(program: string): Promise<string[]> {
  const { stdout } = await run('ldd', [program]);
  return stdout
    .split('\n')
    .map((line) => /(\/\S+) \(0x/.exec(line)?.[1])
    .filter((p): p is string => p !== undefined);
}

test.before(async () => {
  const [sea] = cliCommand('sea');
  root = await busyboxRoot();
  mkdirSync(join(root.path, 'usr/bin'), { recursive: true });
  copyFileSync(sea!, join(root.path, 'usr/bin/yip'));
  symlinkSync('yip', join(root.path, 'usr/bin/yipts'));
  for (const lib of await sharedLibraries(sea!)) {
    mkdirSync(dirname(join(root.path, lib)), { recursive: true });
    copyFileSync(lib, join(root.path, lib));
  }
  server = await startHttpServer({ '/payload.txt': 'downloaded payload\n' });
});
test.after(async () => {
  await server?.close();
  await root?.cleanup();
});

// chroot with /proc, /sys and /dev bound, as on a booted image (commands need /dev/null).
const yipInRoot = (...args: string[]) => inRoot(root.path, ['/usr/bin/yip', ...args], { allowFailure: true, env: { NO_COLOR: '1' } });
const inside = (path: string) => readFileSync(join(root.path, path), 'utf8');

test('the root has no node; the executable and its link start', async () => {
  const { stdout } = await run('find', [root.path, '-name', 'node*', '-o', '-name', 'libnode*']);
  assert.is(stdout, '');
  const version = await inRoot(root.path, ['/usr/bin/yipts', '--version'], { mounts: false });
  assert.match(version.stdout, /^yip version \d+\.\d+\.\d+\n$/);
});

test('chroot ROOT /usr/bin/yip -s default /c.yaml writes files, runs commands, renders templates, downloads', async () => {
  writeFileSync(
    join(root.path, 'c.yaml'),
    `stages:
  default:
    - name: write
      files:
        - path: /etc/written
          content: "os={{ .Values.os.name }}\\n"
          permissions: 0640
      commands:
        - echo "ran in $(cat /etc/hostname)" > /etc/command-output
      downloads:
        - url: ${server.url}/payload.txt
          path: /srv/payload.txt
`,
  );
  const r = await yipInRoot('-s', 'default', '/c.yaml');
  assert.is(r.code, 0, r.stderr);
  assert.is(inside('etc/written'), 'os=busybox\n');
  assert.is(inside('etc/command-output'), 'ran in busybox\n');
  assert.is(inside('srv/payload.txt'), 'downloaded payload\n');
});

test('plugins of the executor configuration load inside the executable: CommonJS and ES modules', async () => {
  writeFileSync(
    join(root.path, 'etc/yipts-cjs.cjs'),
    `module.exports = (options) => ({
  name: 'stamp-cjs',
  apply(hooks) { hooks.afterRun.tapPromise('stamp-cjs', async () => require('node:fs').writeFileSync('/stamp-cjs', options.text)); },
});
`,
  );
  writeFileSync(
    join(root.path, 'etc/yipts-esm.mjs'),
    `import { writeFileSync } from 'node:fs';
export default (options) => ({
  name: 'stamp-esm',
  apply(hooks) { hooks.afterRun.tapPromise('stamp-esm', async () => writeFileSync('/stamp-esm', options.text)); },
});
`,
  );
  mkdirSync(join(root.path, 'etc/yipts'), { recursive: true });
  const config = 'plugins:\n  - [/etc/yipts-cjs.cjs, { text: cjs }]\n  - [/etc/yipts-esm.mjs, { text: esm }]\n';
  writeFileSync(join(root.path, 'etc/yipts/yip.config.yaml'), config);
  try {
    const r = await yipInRoot('-s', 'none', '/c.yaml');
    assert.is(r.code, 0, r.stderr);
    assert.is(inside('stamp-cjs'), 'cjs');
    assert.is(inside('stamp-esm'), 'esm');
  } finally {
    await run('rm', ['-rf', join(root.path, 'etc/yipts')]);
  }
});

test('a plugin with top-level await is a clear error naming it, not a crash', async () => {
  writeFileSync(join(root.path, 'tla.mjs'), "await Promise.resolve();\nexport default () => ({ name: 'tla', apply() {} });\n");
  writeFileSync(join(root.path, 'tla.yaml'), 'plugins: [/tla.mjs]\n');
  const r = await yipInRoot('--config', '/tla.yaml', '/c.yaml');
  assert.is(r.code, 1, r.stderr);
  assert.match(r.stderr, 'plugin `/tla.mjs` (/tla.mjs) failed to load: /tla.mjs uses top-level await');
  assert.not.match(r.stderr, /\n\s+at /, 'no stack trace');
  assert.not.ok(existsSync(join(root.path, 'etc/tla')));
});

test.run();
