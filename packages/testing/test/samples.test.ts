/**
 * The code samples of packages/core/README.md: each is a file in ./samples (so `pnpm typecheck`
 * compiles it), run here, and compared with the README so the two cannot drift apart.
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { busyboxRoot, pathExists, rootPerTest } from '@yipts/test-fixtures';
import { recordingLogger, runYaml, tempDirs, tempRoot } from '../src/index.js';
import greetingPlugin from './samples/contract.js';
import { bootImage } from './samples/custom-executor.js';
import stampPlugin from './samples/stamp-plugin.js';
import { stampWritesOneLinePerStep } from './samples/testing-a-plugin.js';
import touchPlugin from './samples/touch-plugin.js';
import announcePlugin from './samples/yip-key-plugin.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const readme = suite('README samples');

/** The `<!-- sample: NAME -->` blocks of a README, checked against samples/NAME; returns the names. */
async function checkSamples(readmePath: string): Promise<string[]> {
  const text = await readFile(readmePath, 'utf8');
  const blocks = [...text.matchAll(/<!-- sample: ([\w.-]+) -->\n```ts\n([\s\S]*?)```\n/g)];
  for (const [, name, code] of blocks) {
    assert.fixture(
      code!,
      await readFile(join(here, 'samples', name!), 'utf8'),
      `${readmePath}: block ${name} differs from samples/${name}`,
    );
  }
  assert.is(text.match(/<!-- sample:/g)?.length ?? 0, blocks.length, `${readmePath}: a sample marker is not followed by a ts block`);
  return blocks.map((m) => m[1]!);
}

readme('every sample block of the core README is its file, byte for byte, and every sample file is in the README', async () => {
  const names = await checkSamples(join(here, '../../core/README.md'));
  assert.equal(names.sort(), (await readdir(join(here, 'samples'))).sort());
});

readme('the sample in the testing README is its file too', async () => {
  assert.equal(await checkSamples(join(here, '../README.md')), ['testing-a-plugin.ts']);
});

readme.run();

/** The suite's scratch directories, removed when it ends. */
const scratch = tempDirs();

const executor = suite<{ root: { path: string; cleanup(): Promise<void> }; dir: string }>('sample: custom executor');

rootPerTest(executor, busyboxRoot);
executor.before.each(async (ctx) => {
  ctx.dir = await scratch.make('yipts-sample-oem-');
});
executor.after(() => scratch.cleanup());

executor('bootImage runs the boot stage of a directory in the root and returns the failed steps', async ({ root, dir }) => {
  await writeFile(
    join(dir, '10_base.yaml'),
    [
      'name: base',
      'stages:',
      '  boot:',
      '    - name: motd',
      '      files: [{path: /etc/motd, content: "hello\\n", permissions: 0640}]',
      '      commands: [cat /etc/motd > /tmp/copied]',
      '    - name: never',
      '      if_files: {any: [/nope]}',
      '      commands: [touch /tmp/never]',
      '    - name: users',
      '      users: {bob: {}}',
      '  network:',
      '    - commands: [touch /tmp/network]',
      '',
    ].join('\n'),
  );
  await writeFile(join(dir, '20_broken.yaml'), 'name: broken\nstages:\n  boot:\n    - commands: ["exit 3"]\n');
  const logger = recordingLogger();
  const failed = await bootImage(root.path, dir, logger);
  assert.equal(failed, ['broken.0']);
  assert.is(await readFile(join(root.path, 'tmp/copied'), 'utf8'), 'hello\n');
  assert.not.ok(await pathExists(join(root.path, 'tmp/never')));
  assert.not.ok(await pathExists(join(root.path, 'tmp/network')));
  const warnings = logger.records.filter((r) => r.level === 'warning').map((r) => r.message);
  assert.equal(warnings, ['no plugin handles `users`; it is ignored']);
  assert.ok(
    logger.records.some((r) => r.level === 'error' && r.stepId === 'broken.0' && /exit 3.*status 3/.test(r.message)),
    JSON.stringify(logger.records),
  );
});

executor.run();

const plugins = suite<{ root: Awaited<ReturnType<typeof tempRoot>> }>('sample plugins');

rootPerTest(plugins, () => tempRoot({ 'etc/os-release': 'ID=test\n' }));

plugins('the README test of the stamp plugin passes', async () => {
  await stampWritesOneLinePerStep();
});

plugins('stamp: the default file, an invalid level failing its step, nothing written in analyze mode', async ({ root }) => {
  const yaml = 'stages:\n  default:\n    - stamp: {text: ok}\n    - stamp: {text: bad, level: loud}\n    - stamp: {level: info}\n';
  const analyzed = await runYaml(yaml, { plugins: [stampPlugin()], root: root.path, analyze: true });
  assert.equal(analyzed.steps, []);
  assert.not.ok(await pathExists(join(root.path, 'var/log/yipts-stamps.log')));
  const run = await runYaml(yaml, { plugins: [stampPlugin()], root: root.path });
  assert.equal(
    run.steps.map((st) => st.status),
    ['ok', 'failed', 'failed'],
  );
  const expected = [
    ['`level`: expected one of info, notice, found `loud`', 4],
    ['`stamp`: missing required key `text`', 5],
  ];
  assert.equal(
    run.errors.map((e) => [e.reason, e.line]),
    expected,
  );
  assert.is(await root.read('/var/log/yipts-stamps.log'), 'test.yaml.0 info: ok\n');
});

plugins('touch: a failing entry is reported and the others are done; a bad value fails the whole key', async ({ root }) => {
  await root.write({ 'etc/old': 'kept' });
  const run = await runYaml('name: t\nstages:\n  default:\n    - touch: [/etc/new, /missing/dir/x, /etc/old]\n    - touch: [relative]\n', {
    plugins: [touchPlugin()],
    root: root.path,
  });
  assert.equal(
    run.steps.map((st) => st.status),
    ['failed', 'failed'],
  );
  assert.equal(
    run.errors.map((e) => [e.stepId, e.plugin, e.hook]),
    [
      ['t.0', 'touch', 'action:touch'],
      ['t.1', 'touch', 'action:touch'],
    ],
  );
  assert.match(run.errors[0]!.reason, /^touch \/missing\/dir\/x: ENOENT/);
  assert.is(run.errors[1]!.reason, 'every path must be absolute');
  assert.is(await root.read('/etc/new'), '');
  assert.is(await root.read('/etc/old'), 'kept');
});

plugins('contract: an action, a conditional, a field and a tap', async ({ root }) => {
  const yaml = 'stages:\n  default:\n    - greet: world\n      greet_loudly: true\n    - greet: nobody\n      only_with_env: GREET\n';
  const quiet = await runYaml(yaml, { plugins: [greetingPlugin({ greeting: 'hi' })], root: root.path });
  assert.equal(
    quiet.steps.map((st) => [st.status, st.skipReason]),
    [
      ['ok', undefined],
      ['skipped', 'GREET is not set'],
    ],
  );
  assert.equal(
    quiet.logs.filter((r) => r.plugin === 'greeting').map((r) => r.message),
    ['HI WORLD'],
  );
  assert.equal(
    quiet.logs.filter((r) => r.message.startsWith('greeting step')).map((r) => [r.stepId, r.message]),
    [
      ['test.yaml.0', 'greeting step ok'],
      ['test.yaml.1', 'greeting step skipped'],
    ],
  );
  const set = await runYaml(yaml, { plugins: [greetingPlugin()], root: root.path, env: { GREET: '1' } });
  assert.equal(
    set.logs.filter((r) => r.plugin === 'greeting').map((r) => r.message),
    ['HELLO WORLD', 'hello nobody'],
  );
  assert.equal(set.warnings, []);
});

plugins('yip keys: the sample owns `hostname` and `dns` with their schemas, says what they hold and writes nothing', async ({ root }) => {
  const yaml = [
    'stages:\n  default:',
    '    - dns: { nameservers: [192.0.2.53] }\n      hostname: node-7',
    '    - hostname: [not, a, string]\n',
  ].join('\n');
  const run = await runYaml(yaml, { plugins: [announcePlugin()], root: root.path });
  assert.equal(
    run.steps.map((st) => st.status),
    ['ok', 'failed'],
  );
  assert.equal(
    run.logs.filter((r) => r.plugin === 'announce').map((r) => r.message),
    ['nameservers: 192.0.2.53', 'host name: node-7'],
    'dns runs before hostname, in ACTION_ORDER',
  );
  assert.match(run.errors[0]!.reason, /expected a string/);
  assert.not.ok(await pathExists(join(root.path, 'etc/hostname')));
  assert.not.ok(await pathExists(join(root.path, 'etc/resolv.conf')));
});

plugins.run();
