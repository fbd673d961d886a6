/** `commands`: run one after another with sh -c, on the host or chrooted, failures collected. */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createExecutor, definePlugin } from '@yipts/core';
import type { Plugin, StepResult } from '@yipts/core';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { suiteBusyboxRoot } from '@yipts/test-fixtures';
import commandsPlugin, { PLUGIN_NAME } from '../src/index.js';
import type { CommandsOptions } from '../src/index.js';
import { recordingLogger, tempDirs } from '@yipts/testing';

const tmp = tempDirs('yipts-commands-');
const boxRoot = suiteBusyboxRoot(test, () => tmp.cleanup());

/** Renders `{{ env NAME }}` from the run's environment: enough to see that commands are rendered. */
const envTemplates: Plugin = definePlugin({
  name: 'env-templates',
  apply(hooks) {
    hooks.render.tap('env-templates', (text, ctx) =>
      text.replace(/\{\{ env (\w+) \}\}/g, (_m, name: string) => ctx.run.options.env[name] ?? ''),
    );
  },
});

async function run(
  yaml: string,
  opts: { root?: string; env?: Record<string, string>; options?: CommandsOptions; signal?: AbortSignal } = {},
) {
  const logger = recordingLogger();
  const { records } = logger;
  const executor = createExecutor({ plugins: [commandsPlugin(opts.options), envTemplates], logger });
  const result = await executor.runStage('s', [{ kind: 'inline', name: 'cmds.yaml', text: yaml }], {
    root: opts.root ?? '/',
    env: opts.env ?? { PATH: process.env.PATH ?? '' },
    ...(opts.signal ? { signal: opts.signal } : {}),
  });
  return { result, records, step: (i = 0): StepResult => result.stages[0]!.steps[i]! };
}

const yamlList = (cmds: string[]) => `stages:\n  s:\n    - commands:\n${cmds.map((c) => `        - ${JSON.stringify(c)}\n`).join('')}`;

test('the plugin names itself and handles `commands`', () => {
  const p = commandsPlugin();
  assert.is(p.name, PLUGIN_NAME);
  assert.is(PLUGIN_NAME, 'commands');
  assert.equal(Object.keys(p.actions ?? {}), ['commands']);
});

test('commands run one after another with sh -c, in order', async () => {
  const dir = await tmp.make();
  const log = join(dir, 'log');
  const { result, step } = await run(
    yamlList([`echo one >> ${log}`, `for i in 2 3; do echo $i >> ${log}; done`, `[ "$(cat ${log} | wc -l)" = 3 ] && echo four >> ${log}`]),
  );
  assert.ok(result.ok);
  assert.is(step().status, 'ok');
  assert.is(await readFile(log, 'utf8'), 'one\n2\n3\nfour\n');
});

test('a failing command does not stop the next ones; its status and output are in the error', async () => {
  const dir = await tmp.make();
  const log = join(dir, 'log');
  const { result, step } = await run(
    yamlList([`echo before >> ${log}`, 'echo "disk is full" >&2; echo detail; exit 3', `echo after >> ${log}`, 'false']),
  );
  assert.not.ok(result.ok);
  assert.is(await readFile(log, 'utf8'), 'before\nafter\n');
  const errors = step().errors;
  assert.is(errors.length, 2);
  const [first, second] = errors;
  assert.equal([first!.plugin, first!.hook, first!.file, first!.stepId], ['commands', 'action:commands', 'cmds.yaml', 'cmds.yaml.0']);
  assert.match(first!.reason, 'exited with status 3');
  assert.match(first!.reason, 'disk is full');
  assert.match(first!.reason, 'detail');
  assert.match(first!.reason, 'echo "disk is full"');
  assert.is(second!.reason, 'command `false` exited with status 1');
});

test('a multi-line command is shown by its first line in errors', async () => {
  const { step } = await run('stages:\n  s:\n    - commands:\n        - |\n          echo start\n          exit 4\n');
  const reason = step().errors[0]!.reason;
  assert.match(reason, 'command `echo start …` exited with status 4');
});

test('a per-command timeout stops a hung command and the next one still runs', async () => {
  const dir = await tmp.make();
  const started = performance.now();
  const { step } = await run(yamlList(['sleep 30; echo late', `touch ${dir}/next`]), { options: { timeoutMs: 300 } });
  assert.ok(performance.now() - started < 8000, 'did not wait for the sleep');
  assert.is(step().errors.length, 1);
  assert.match(step().errors[0]!.reason, 'timed out');
  assert.ok(existsSync(join(dir, 'next')));
});

test("commands are rendered as templates before they run, with the run's environment", async () => {
  const dir = await tmp.make();
  const { result } = await run(yamlList([`echo "{{ env GREETING }}" > ${dir}/out`, `echo "$GREETING" >> ${dir}/out`]), {
    env: { PATH: process.env.PATH ?? '', GREETING: 'hello there' },
  });
  assert.ok(result.ok);
  assert.is(await readFile(join(dir, 'out'), 'utf8'), 'hello there\nhello there\n');
});

test('output of a successful command is logged at debug level with the step', async () => {
  const { records } = await run(yamlList(['echo visible-output']));
  const rec = records.find((r) => r.message.includes('visible-output'));
  assert.ok(rec);
  assert.is(rec!.level, 'debug');
  assert.equal([rec!.plugin, rec!.stepId], ['commands', 'cmds.yaml.0']);
});

test('in a target root, commands run chrooted: they write inside the root and never on the host', async () => {
  const root = boxRoot();
  const marker = `/tmp/yipts-commands-${process.pid}`;
  const { result, step } = await run(
    yamlList([`echo inside > ${marker}`, `. /etc/os-release; echo "$PRETTY_NAME" >> ${marker}`, 'test "$HOME" = /root']),
    { root, env: { PATH: '/host/only/path' } },
  );
  assert.ok(result.ok, JSON.stringify(step().errors.map((e) => e.message)));
  assert.is(await readFile(join(root, marker), 'utf8'), 'inside\nyipts busybox test root\n');
  assert.not.ok(existsSync(marker));
});

test('an aborted run stops the running command, does not start the others, and says so', async () => {
  const dir = await tmp.make();
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), 300);
  const started = performance.now();
  const { step } = await run(yamlList([`touch ${dir}/first; sleep 30`, `touch ${dir}/second`]), { signal: controller.signal });
  clearTimeout(timer);
  assert.ok(performance.now() - started < 8000);
  assert.ok(existsSync(join(dir, 'first')));
  assert.not.ok(existsSync(join(dir, 'second')));
  const reasons = step().errors.map((e) => e.reason);
  assert.ok(
    reasons.some((r) => r.includes('not run: the run was interrupted')),
    JSON.stringify(reasons),
  );
});

test('each command runs as its own `sh -c`: cd, exported variables and exit do not carry over', async () => {
  const dir = await tmp.make();
  const { result } = await run(
    yamlList([`cd ${dir}; export CARRIED=yes; exit 0`, `pwd > ${dir}/pwd; echo "[\${CARRIED-}]" >> ${dir}/pwd`]),
  );
  assert.ok(result.ok);
  const [pwd, carried] = (await readFile(join(dir, 'pwd'), 'utf8')).split('\n');
  assert.is.not(pwd, dir);
  assert.is(carried, '[]');
});

test('a shell syntax error fails that command only', async () => {
  const dir = await tmp.make();
  const { step } = await run(yamlList(['if then fi', `touch ${dir}/after`]));
  assert.is(step().errors.length, 1);
  assert.match(step().errors[0]!.reason, 'Syntax error');
  assert.ok(existsSync(join(dir, 'after')));
});

test("a daemon started in the background (as the corpus' openrc config does) does not hold up the step or the process", async () => {
  const dir = await tmp.make();
  const pipes = () => process.getActiveResourcesInfo().filter((r) => r === 'PipeWrap').length;
  const before = pipes();
  const started = performance.now();
  const { result } = await run(yamlList([`sleep 3 &> ${dir}/agent.log &`, `touch ${dir}/next`]));
  assert.ok(result.ok);
  assert.ok(performance.now() - started < 2500, 'the step did not wait for the daemon');
  assert.ok(existsSync(join(dir, 'next')));
  for (let i = 0; i < 20 && pipes() > before; i++) await new Promise((r) => setTimeout(r, 10));
  assert.is(pipes(), before, 'no pipe left open to keep yip running');
});

test('a long list of commands runs in order without one process start each being noticeable', async () => {
  const dir = await tmp.make();
  const cmds = Array.from({ length: 200 }, (_, i) => `echo ${i} >> ${dir}/seq`);
  const started = performance.now();
  const { result } = await run(yamlList(cmds));
  assert.ok(result.ok);
  assert.is(await readFile(join(dir, 'seq'), 'utf8'), Array.from({ length: 200 }, (_, i) => `${i}\n`).join(''));
  assert.ok(performance.now() - started < 10_000);
});

test('an empty list runs nothing and is fine; a non-list is a validation error of the step', async () => {
  const empty = await run('stages:\n  s:\n    - commands: []\n');
  assert.ok(empty.result.ok);
  const bad = await run('stages:\n  s:\n    - commands: {a: b}\n');
  assert.is(bad.step().status, 'failed');
  assert.match(bad.step().errors[0]!.reason, 'expected a list');
});

test.run();
