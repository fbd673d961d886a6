// run-stage as a library: the three stages over the config paths inside a root, the extra
// paths, the kernel command line (a setup URI served on loopback, dot notation), exit codes,
// analysis, and handing the run to an isolating plugin.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { ACTION_ORDER, defineAction, definePlugin, s } from '@yipts/core';
import { isolationHooks } from '@yipts/isolation';
import filesPlugin from '@yipts/plugin-files';
import { EXIT_STRICT_FAILURE, runStage } from '../src/index.js';

const runStageApi = suite('runStage()');
let dirs: string[] = [];
runStageApi.after.each(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  dirs = [];
});

function tree(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'yipts-run-stage-'));
  dirs.push(dir);
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, rel)), { recursive: true });
    writeFileSync(join(dir, rel), text);
  }
  return dir;
}

/** A plugin of the test's own: `mark: X` records X, so the order of steps can be read back. */
function marker(seen: string[]) {
  return definePlugin({
    name: 'marker',
    actions: { mark: defineAction({ schema: s.string(), order: ACTION_ORDER.COMMANDS + 5, run: (v) => void seen.push(v) }) },
  });
}

const step = (stage: string, mark: string) => `  ${stage}:\n    - mark: ${mark}\n`;

runStageApi('STAGE.before, STAGE, STAGE.after over the paths in the root, the extra paths, then the kernel command line', async () => {
  const root = tree({
    'system/oem/10.yaml': [
      'stages:\n',
      step('boot.before', 'before-system'),
      step('boot', 'main-system'),
      step('boot.after', 'after-system'),
    ].join(''),
    'oem/20.yaml': `stages:\n${step('boot', 'main-oem')}${step('boot.before', 'before-oem')}`,
    'extra/30.yaml': `stages:\n${step('boot', 'main-extra')}`,
  });
  const setup = `stages:\n${step('boot', 'from-uri')}`;
  const server = createServer((req, res) => (req.url === '/setup.yaml' ? res.end(setup) : res.writeHead(404).end()));
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  try {
    const port = (server.address() as AddressInfo).port;
    const text = `quiet cos.setup=http://127.0.0.1:${port}/setup.yaml stages.boot[0].mark="from cmdline"\n`;
    const cmdline = join(tree({ cmdline: text }), 'cmdline');
    const seen: string[] = [];
    const outcome = await runStage({ stage: 'boot', root, cloudInitPaths: ['/extra', '/missing'], cmdline, plugins: [marker(seen)] });
    assert.is(outcome.exitCode, 0);
    assert.ok(outcome.result?.ok, JSON.stringify(outcome.result?.stages.flatMap((st) => st.diagnostics)));
    const before = ['before-system', 'before-oem'];
    assert.equal(seen, [...before, 'main-system', 'main-oem', 'main-extra', 'from-uri', 'after-system', 'from cmdline']);
  } finally {
    server.close();
  }
});

runStageApi('a failed step: exit 0, or 65 when strict; files are written inside the root', async () => {
  const root = tree({
    'oem/a.yaml': 'stages:\n  boot:\n    - files: [{path: /blocker/x, content: no}]\n    - files: [{path: /etc/written, content: yes}]\n',
    blocker: 'a file, so /blocker/x cannot be made',
  });
  const lax = await runStage({ stage: 'boot', root, cmdline: false, plugins: [filesPlugin()] });
  assert.is(lax.exitCode, 0);
  assert.is(lax.result?.ok, false);
  assert.is(readFileSync(join(root, 'etc/written'), 'utf8'), 'yes');
  const strict = await runStage({ stage: 'boot', root, cmdline: false, strict: true, plugins: [filesPlugin()] });
  assert.is(strict.exitCode, EXIT_STRICT_FAILURE);
});

runStageApi('configPaths replace the defaults; analysis writes nothing and exits 0', async () => {
  const root = tree({
    'custom/a.yaml': 'stages:\n  boot:\n    - files: [{path: /from-custom, content: x}]\n',
    'oem/b.yaml': 'stages:\n  boot:\n    - files: [{path: /from-oem, content: x}]\n',
  });
  const only = { stage: 'boot', root, configPaths: ['/custom'], cmdline: false } as const;
  const analyzed = await runStage({ ...only, analyze: true, plugins: [filesPlugin()] });
  assert.is(analyzed.exitCode, 0);
  assert.equal(analyzed.result?.stages.find((st) => st.stage === 'boot')?.layers.flat().length, 1);
  assert.not.ok(existsSync(join(root, 'from-custom')));
  await runStage({ ...only, plugins: [filesPlugin()] });
  assert.ok(existsSync(join(root, 'from-custom')));
  assert.not.ok(existsSync(join(root, 'from-oem')));
});

runStageApi('with rerun, a plugin that runs the work elsewhere gives the exit code and nothing runs here', async () => {
  const root = tree({ 'oem/a.yaml': 'stages:\n  boot:\n    - files: [{path: /here, content: x}]\n' });
  const asked: string[][] = [];
  const elsewhere = definePlugin({
    name: 'elsewhere',
    apply: (hooks) =>
      isolationHooks(hooks).isolate.tapPromise('elsewhere', async (r) => {
        asked.push([...r.argv]);
        return 42;
      }),
  });
  const outcome = await runStage({ stage: 'boot', root, cmdline: false, rerun: ['me', 'again'], plugins: [filesPlugin(), elsewhere] });
  assert.equal(outcome, { result: undefined, exitCode: 42 });
  assert.equal(asked, [['me', 'again']]);
  assert.not.ok(existsSync(join(root, 'here')));
  const plugins = [filesPlugin(), elsewhere];
  const analyzed = await runStage({ stage: 'boot', root, cmdline: false, rerun: ['me'], analyze: true, plugins });
  assert.is(analyzed.exitCode, 0, 'analysis is never handed elsewhere');
  assert.is(asked.length, 1);
});

runStageApi('an interrupted run exits as a shell reports the signal', async () => {
  const root = tree({ 'oem/a.yaml': 'stages:\n  boot:\n    - files: [{path: /here, content: x}]\n' });
  const controller = new AbortController();
  controller.abort(new Error('SIGTERM'));
  const outcome = await runStage({ stage: 'boot', root, cmdline: false, signal: controller.signal, plugins: [filesPlugin()] });
  assert.is(outcome.exitCode, 143);
  assert.not.ok(existsSync(join(root, 'here')));
});

runStageApi.run();
