// The published form of the packages: every workspace package packed with `pnpm pack` (which
// replaces workspace: ranges), the tarballs installed with `npm install` into an empty directory
// (their third-party dependencies come from the npm registry), then used as a user would, with
// plain node: the yip command, a custom executor script, the example plugin by package name.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { run } from '../fixtures/index.js';
import type { RunResult } from '../fixtures/index.js';
import { ensureBuilt, REPO } from '../helpers/cli.js';
import { removeTempDirs, tempDir, writeTree } from '../helpers/tmp.js';

const test = suite('npm: packed packages installed into an empty directory');
let app: string;
let tarballs: string[];

// Without the test runner's NODE_OPTIONS: its `source` condition would pick src/*.ts.
const env = (): NodeJS.ProcessEnv => ({
  ...process.env,
  NODE_OPTIONS: '',
  NO_COLOR: '1',
  LOGLEVEL: 'info',
  npm_config_update_notifier: 'false',
});
const inApp = (cmd: string, args: string[]): Promise<RunResult> => run(cmd, args, { cwd: app, env: env(), timeoutMs: 120_000 });

interface Manifest {
  readonly name: string;
  readonly version: string;
  readonly private?: boolean;
}

/** The workspace's packages that are meant to be published (not private). */
function publishedManifests(): Manifest[] {
  const groups = ['packages', 'plugins', 'examples'];
  const files = groups.flatMap((g) => readdirSync(join(REPO, g)).map((d) => join(REPO, g, d, 'package.json'))).filter(existsSync);
  return files.map((f) => JSON.parse(readFileSync(f, 'utf8')) as Manifest).filter((m) => !m.private);
}

test.before(async () => {
  ensureBuilt();
  const packs = tempDir('yipts-packs-');
  const every = ['--filter', './packages/**', '--filter', './plugins/**', '--filter', './examples/**'];
  await run('pnpm', ['-r', ...every, 'pack', '--pack-destination', packs], {
    cwd: REPO,
    env: env(),
    timeoutMs: 120_000,
  });
  // Private packages (examples that are not meant to be published) are packed but not installed.
  const published = new Set(publishedManifests().map((m) => `${m.name.replace('@', '').replace('/', '-')}-${m.version}.tgz`));
  tarballs = readdirSync(packs)
    .filter((f) => published.has(f))
    .map((f) => join(packs, f));
  app = tempDir('yipts-npm-app-');
  writeTree(app, { 'package.json': '{ "name": "app", "private": true, "type": "module" }\n' });
  await inApp('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', ...tarballs]);
});
test.after(removeTempDirs);

test('every package is packed, with Apache-2.0, engines, compiled exports and no workspace: range or test', () => {
  for (const { name } of publishedManifests()) {
    const dir = join(app, 'node_modules', name);
    assert.ok(existsSync(dir), `${name} is installed`);
    const text = readFileSync(join(dir, 'package.json'), 'utf8');
    const pkg = JSON.parse(text);
    assert.not.match(text, 'workspace:', name);
    assert.is(pkg.license, 'Apache-2.0', name);
    assert.match(readFileSync(join(dir, 'LICENSE'), 'utf8'), 'Apache License', name);
    assert.ok(pkg.engines?.node, name);
    const entry = pkg.exports['.'];
    assert.ok(existsSync(join(dir, entry.import)), `${name} ships ${entry.import}`);
    assert.ok(existsSync(join(dir, entry.types)), `${name} ships ${entry.types}`);
    assert.not.ok(existsSync(join(dir, 'test')), `${name} ships no tests`);
  }
});

test('plugins share one @yipts/core: a peer dependency, not a copy of their own', () => {
  const motd = JSON.parse(readFileSync(join(app, 'node_modules/yipts-plugin-motd/package.json'), 'utf8'));
  assert.equal(Object.keys(motd.peerDependencies), ['@yipts/core']);
  assert.not.ok(existsSync(join(app, 'node_modules/yipts-plugin-motd/node_modules/@yipts/core')));
  assert.not.ok(existsSync(join(app, 'node_modules/@yipts/plugin-files/node_modules/@yipts/core')));
  const dist = join(app, 'node_modules/yipts-plugin-motd/dist');
  const size = readdirSync(dist).reduce((n, f) => n + readFileSync(join(dist, f)).length, 0);
  assert.ok(size < 20_000, `the example plugin's dist is ${size} bytes`);
});

test('npx yip --version and a stage run by the installed command', async () => {
  const version = JSON.parse(readFileSync(join(REPO, 'packages/cli/package.json'), 'utf8')).version;
  assert.is((await inApp('npx', ['--no-install', 'yip', '--version'])).stdout, `yip version ${version}\n`);
  const files = `    - files:\n        - path: ${app}/out/hello\n          content: hi\n`;
  const steps = `${files}      commands:\n        - echo ran > ${app}/out/cmd\n`;
  writeTree(app, { 'c.yaml': `stages:\n  default:\n${steps}` });
  const r = await inApp('npx', ['--no-install', 'yipts', 'c.yaml']);
  assert.is(r.code, 0, r.stderr);
  assert.is(readFileSync(join(app, 'out/hello'), 'utf8'), 'hi');
  assert.is(readFileSync(join(app, 'out/cmd'), 'utf8'), 'ran\n');
});

test('a custom executor script runs with plain node from the installed packages', async () => {
  writeTree(app, {
    'boot.yaml': `stages:\n  boot:\n    - files:\n        - path: /etc/custom\n          content: from a custom executor\n`,
    'executor.mjs': [
      "import { createExecutor } from '@yipts/core';",
      "import filesPlugin from '@yipts/plugin-files';",
      "import commandsPlugin from '@yipts/plugin-commands';",
      'const executor = createExecutor({ plugins: [filesPlugin(), commandsPlugin()] });',
      "const result = await executor.runStage('boot', ['boot.yaml'], { root: process.argv[2] });",
      'process.exitCode = result.ok ? 0 : 1;',
      '',
    ].join('\n'),
  });
  const root = tempDir('yipts-npm-root-');
  const r = await inApp(process.execPath, ['executor.mjs', root]);
  assert.is(r.code, 0, r.stderr);
  assert.is(readFileSync(join(root, 'etc/custom'), 'utf8'), 'from a custom executor');
});

test('the example plugin is loaded by package name from yip.config.yaml', async () => {
  writeTree(app, {
    'yip.config.yaml': 'plugins:\n  - [yipts-plugin-motd, { prefix: "[npm] " }]\n',
    'motd.yaml': `stages:\n  default:\n    - motd:\n        message: installed\n        path: ${app}/out/motd\n`,
  });
  const r = await inApp('npx', ['--no-install', 'yip', 'motd.yaml']);
  assert.is(r.code, 0, r.stderr);
  assert.is(readFileSync(join(app, 'out/motd'), 'utf8'), '[npm] installed\n');
});

test.run();
