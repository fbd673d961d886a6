import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { definePlugin } from '@yipts/core';
import type { Plugin } from '@yipts/core';
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import environmentPlugin, { formatEnvironment, parseEnvironment } from '../src/index.js';
import { runYaml, tempDirs } from '@yipts/testing';

/** Every root of this suite, removed when it ends. */
const roots = tempDirs('yipts-env-root-');
test.after(() => roots.cleanup());

/** Stands in for the templates plugin: `{{ .Values.node.hostname }}` becomes a fixed name. */
const render: Plugin = definePlugin({
  name: 'test-render',
  apply(hooks) {
    hooks.render.tap('test-render', (text) => text.replaceAll('{{ .Values.node.hostname }}', 'node-7'));
  },
});

async function tempRoot(): Promise<string> {
  const root = await roots.make();
  await mkdir(join(root, 'etc'));
  return root;
}

test('format: integers bare, the rest quoted and escaped, lines sorted byte-wise, final newline', () => {
  const env = new Map([
    ['foo', '0'],
    ['B', '007'],
    ['A_B', '+5'],
    ['A', 'tmpfs:25%'],
    ['Q', 'say "hi" $HOME `x` \\ !\nnext\r'],
    ['E', ''],
    ['F', '1.5'],
    ['BIG', '99999999999999999999'],
  ]);
  assert.is(
    formatEnvironment(env),
    `${['A="tmpfs:25%"', 'A_B=5', 'B=7', 'BIG="99999999999999999999"', 'E=""', 'F="1.5"', 'Q="say \\"hi\\" \\$HOME \\`x\\` \\\\ \\!\\nnext\\r"', 'foo=0'].join('\n')}\n`,
  );
});

test('parse: comments, export, quotes, multi-line values; $VAR kept as written', () => {
  const text = [
    '# comment',
    '',
    'export PATH="/usr/bin:$HOME/bin"',
    'SINGLE=\'a "raw" $x\'',
    'PLAIN = spaced value  # trailing comment',
    'YAML_STYLE: yes',
    'ML="line1',
    'line2"',
    'ESC="a\\nb \\"q\\" \\$X"',
    'not an assignment',
    'N=42',
  ].join('\n');
  const env = parseEnvironment(text);
  assert.equal(Object.fromEntries(env), {
    PATH: '/usr/bin:$HOME/bin',
    SINGLE: 'a "raw" $x',
    PLAIN: 'spaced value',
    YAML_STYLE: 'yes',
    ML: 'line1\nline2',
    ESC: 'a\nb "q" $X',
    N: '42',
  });
  assert.equal(parseEnvironment(formatEnvironment(env)), env, 'what is written reads back the same');
});

test('the existing file is merged and rewritten, mode 0644; values rendered', async () => {
  const root = await tempRoot();
  await writeFile(join(root, 'etc/environment'), 'PATH="/usr/local/bin:/usr/bin"\nLANG=C.UTF-8\nOLD=1\n', { mode: 0o600 });
  const yaml = 'stages:\n  test:\n    - environment:\n        OLD: "2"\n        NODE: "{{ .Values.node.hostname }}"\n';
  const run = await runYaml(yaml, { plugins: [environmentPlugin(), render], root, stage: 'test' });
  assert.equal(run.errors, []);
  assert.is(
    await readFile(join(root, 'etc/environment'), 'utf8'),
    'LANG="C.UTF-8"\nNODE="node-7"\nOLD=2\nPATH="/usr/local/bin:/usr/bin"\n',
  );
  assert.is((await stat(join(root, 'etc/environment'))).mode & 0o777, 0o644);
});

test('environment_file with a missing parent: created 0744 as yip does (the cos-layout.env case)', async () => {
  const root = await tempRoot();
  const yaml = [
    'stages:',
    '  rootfs:',
    '    - environment_file: /run/cos/cos-layout.env',
    '      environment:',
    '        VOLUMES: "LABEL=COS_PERSISTENT:/usr/local"',
    '        OVERLAY: "tmpfs:25%"',
    '    - environment_file: /run/cos/cos-layout.env',
    '      environment:',
    '        foo: "0"',
    '',
  ].join('\n');
  const run = await runYaml(yaml, { plugins: [environmentPlugin()], root, stage: 'rootfs' });
  assert.equal(run.errors, []);
  assert.is((await stat(join(root, 'run/cos'))).mode & 0o777, 0o744);
  assert.is(
    await readFile(join(root, 'run/cos/cos-layout.env'), 'utf8'),
    'OVERLAY="tmpfs:25%"\nVOLUMES="LABEL=COS_PERSISTENT:/usr/local"\nfoo=0\n',
  );
  assert.is(await stat(join(root, 'etc/environment')).catch(() => null), null, '/etc/environment is left alone');
});

test('a key the format cannot hold is an error naming it; the other keys are written', async () => {
  const root = await tempRoot();
  const run = await runYaml('stages:\n  test:\n    - environment:\n        "BAD KEY": x\n        GOOD: y\n', {
    plugins: [environmentPlugin()],
    root,
    stage: 'test',
  });
  assert.is(run.errors.length, 1);
  assert.match(run.errors[0]!.message, /environment \/etc\/environment: `BAD KEY` cannot be an environment variable name/);
  assert.is(await readFile(join(root, 'etc/environment'), 'utf8'), 'GOOD="y"\n');
});

test("steps running at the same time do not lose each other's variables", async () => {
  const root = await tempRoot();
  // Steps that wait only for the first one run together once it is done.
  const steps = Array.from(
    { length: 8 },
    (_, i) => `    - name: s${i}\n      after: [{name: t.first}]\n      environment:\n        K${i}: v${i}\n`,
  ).join('');
  const yaml = `name: t\nstages:\n  test:\n    - name: first\n      environment:\n        FIRST: "1"\n${steps}`;
  const run = await runYaml(yaml, { plugins: [environmentPlugin()], root, stage: 'test' });
  assert.equal(run.errors, []);
  assert.equal(
    run.result.stages[0]?.layers.map((l) => l.length),
    [1, 8],
  );
  const env = parseEnvironment(await readFile(join(root, 'etc/environment'), 'utf8'));
  assert.is(env.size, 9);
});

test.run();
