/** The executor's hooks: called in the documented order, with what they can change. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ACTION_ORDER, createExecutor, defineAction, definePlugin, yipSchema } from '../src/index.js';
import type { Hooks, Plugin, RunResult } from '../src/index.js';
import { fromPlain } from '../src/node.js';
import { allSteps, inline, probePlugin, stepOf } from './helpers.js';

/** Taps every hook and records `hook step-or-source` in call order. */
function recorder(opts: { actionKeys?: string[] } = {}) {
  const calls: string[] = [];
  let last: RunResult | undefined;
  const plugin: Plugin = definePlugin({
    name: 'recorder',
    apply(hooks: Hooks) {
      hooks.beforeRun.tap('recorder', () => void calls.push('beforeRun'));
      hooks.resolveSources.tap('recorder', (sources, req) => {
        calls.push(`resolveSources ${req.stage}`);
        return sources;
      });
      hooks.stageStart.tap('recorder', (st) => void calls.push(`stageStart ${st.stage} ${st.sourceName}`));
      hooks.sourcesLoaded.tap('recorder', (files) => void calls.push(`sourcesLoaded ${files.length}`));
      hooks.configLoaded.tap('recorder', (file) => {
        calls.push(`configLoaded ${file.file}`);
        return file;
      });
      hooks.planned.tap('recorder', (plan) => void calls.push(`planned ${plan.steps.length}`));
      hooks.stepStart.tap('recorder', (st) => void calls.push(`stepStart ${st.step.id}`));
      hooks.checkStep.tap('recorder', (st) => {
        calls.push(`checkStep ${st.step.id}`);
        return undefined;
      });
      for (const key of opts.actionKeys ?? ['probe'])
        hooks.action.for(key).tap('recorder', (a) => void calls.push(`action:${a.key} ${a.step.id}`));
      hooks.stepError.tap('recorder', (st, e) => void calls.push(`stepError ${st.step.id} ${e.reason}`));
      hooks.stepEnd.tap('recorder', (st, r) => void calls.push(`stepEnd ${st.step.id} ${r.status}`));
      hooks.stageEnd.tap('recorder', (st, r) => void calls.push(`stageEnd ${st.stage} ${r.steps.length}`));
      hooks.afterRun.tap('recorder', (_run, r) => {
        last = r;
        calls.push(`afterRun ${r.ok}`);
      });
    },
  });
  return { plugin, calls, lastResult: () => last };
}

const TWO_STEPS = 'name: c\nstages:\n  s:\n    - name: one\n      probe: {}\n    - name: two\n      probe: {fail: boom}\n';

test('hooks are called in the documented order', async () => {
  const rec = recorder();
  const probe = probePlugin();
  const result = await createExecutor({ plugins: [probe.plugin, rec.plugin] }).runStage('s', [inline('cfg.yaml', TWO_STEPS)]);
  assert.equal(rec.calls, [
    'beforeRun',
    'resolveSources s',
    'stageStart s cfg.yaml',
    'sourcesLoaded 1',
    'configLoaded cfg.yaml',
    'planned 2',
    'stepStart c.one',
    'checkStep c.one',
    'action:probe c.one',
    'stepEnd c.one ok',
    'stepStart c.two',
    'checkStep c.two',
    'action:probe c.two',
    'stepError c.two boom',
    'stepEnd c.two failed',
    'stageEnd s 2',
    'afterRun false',
  ]);
  assert.not.ok(result.ok);
  assert.is(rec.lastResult()!.stages.length, 1, 'afterRun sees the stages that ran');
});

test('several stages and sources: resolveSources once per stage, stageStart once per source', async () => {
  const rec = recorder();
  const probe = probePlugin();
  await createExecutor({ plugins: [probe.plugin, rec.plugin] }).run({
    stages: [
      { stage: 'a', sources: [inline('x', 'stages: {a: [{probe: {}}]}'), inline('y', 'stages: {}')] },
      { stage: 'b', sources: [inline('z', 'stages: {b: [{probe: {}}]}')] },
    ],
  });
  const outline = rec.calls.filter((c) => /^(beforeRun|resolveSources|stageStart|stageEnd|afterRun)/.test(c));
  assert.equal(outline, [
    'beforeRun',
    'resolveSources a',
    'stageStart a x',
    'stageEnd a 1',
    'stageStart a y',
    'stageEnd a 0',
    'resolveSources b',
    'stageStart b z',
    'stageEnd b 1',
    'afterRun true',
  ]);
});

test('resolveSources may add, drop or rewrite the sources of a stage', async () => {
  const probe = probePlugin();
  const plugin = definePlugin({
    name: 'sources',
    apply(hooks) {
      hooks.resolveSources.tap('sources', (sources, req) => [
        ...sources.filter((s) => typeof s !== 'string'),
        inline('added', `stages: {${req.stage}: [{probe: {tag: added}}]}`),
      ]);
    },
  });
  const result = await createExecutor({ plugins: [probe.plugin, plugin] }).runStage('s', [
    '/does/not/exist',
    inline('kept', 'stages: {s: [{probe: {}}]}'),
  ]);
  assert.ok(result.ok, 'the missing path was dropped');
  assert.equal(
    result.stages.map((st) => st.source),
    ['kept', 'added'],
  );
  assert.equal(
    probe.calls.map((c) => c.id),
    ['kept.0', 'added.0'],
  );
});

test('configLoaded may transform a file (add a step)', async () => {
  const probe = probePlugin();
  const plugin = definePlugin({
    name: 'adder',
    apply(hooks) {
      hooks.configLoaded.tap('adder', (file, st) => ({
        ...file,
        stages: new Map([
          ...file.stages,
          [st.stage, [...(file.stages.get(st.stage) ?? []), fromPlain({ name: 'extra', probe: { tag: 'x' } })]],
        ]),
      }));
    },
  });
  const result = await createExecutor({ plugins: [probe.plugin, plugin] }).runStage('s', [inline('f', 'stages: {s: [{probe: {}}]}')]);
  assert.equal(
    allSteps(result).map((s) => s.id),
    ['f.0', 'f.extra'],
  );
  assert.is(probe.calls.length, 2);
});

test('a conditional that returns a reason skips the step: no action, status skipped, stepEnd still called', async () => {
  const rec = recorder();
  const probe = probePlugin();
  const skipper = definePlugin({
    name: 'skipper',
    apply(hooks) {
      hooks.checkStep.tap({ name: 'skipper', stage: 10 }, (st) => (st.step.name === 'one' ? 'not today' : undefined));
    },
  });
  const result = await createExecutor({ plugins: [probe.plugin, rec.plugin, skipper] }).runStage('s', [inline('cfg.yaml', TWO_STEPS)]);
  assert.is(stepOf(result, 'c.one').status, 'skipped');
  assert.is(stepOf(result, 'c.one').skipReason, 'not today');
  assert.equal(
    probe.calls.map((c) => c.id),
    ['c.two'],
  );
  assert.ok(rec.calls.includes('stepEnd c.one skipped'));
  assert.not.ok(rec.calls.includes('action:probe c.one'));
});

test('afterRun is called even when beforeRun throws; nothing else runs and the run is fatal', async () => {
  const rec = recorder();
  const probe = probePlugin();
  const broken = definePlugin({
    name: 'mounter',
    apply(hooks) {
      hooks.beforeRun.tapPromise('mounter', async () => {
        throw new Error('mount failed');
      });
    },
  });
  const result = await createExecutor({ plugins: [probe.plugin, rec.plugin, broken] }).runStage('s', [inline('cfg.yaml', TWO_STEPS)]);
  assert.equal(rec.calls, ['beforeRun', 'afterRun false']);
  assert.is(probe.calls.length, 0);
  assert.ok(result.fatal);
  assert.not.ok(result.ok);
  assert.is(result.errors.length, 1);
  assert.is(result.errors[0]!.plugin, 'mounter');
  assert.is(result.errors[0]!.hook, 'beforeRun');
  assert.is((result.errors[0]!.cause as Error).message, 'mount failed');
});

test('afterRun is called when a step throws and when a stage-level hook throws', async () => {
  const rec = recorder();
  const probe = probePlugin();
  const broken = definePlugin({
    name: 'broken',
    apply(hooks) {
      hooks.stageEnd.tap('broken', () => {
        throw new Error('stage end failed');
      });
    },
  });
  const result = await createExecutor({ plugins: [probe.plugin, rec.plugin, broken] }).runStage('s', [inline('cfg.yaml', TWO_STEPS)]);
  assert.is(rec.calls.at(-1), 'afterRun false');
  assert.ok(rec.calls.includes('stepError c.two boom'));
  assert.not.ok(result.fatal, 'only preparing and releasing the root is fatal');
  assert.is(result.errors.length, 1);
  assert.is(result.errors[0]!.plugin, 'broken');
  assert.is(result.errors[0]!.hook, 'stageEnd');
});

test('a failing afterRun makes the run fatal', async () => {
  const plugin = definePlugin({
    name: 'umounter',
    apply(hooks) {
      hooks.afterRun.tap({ name: 'umounter', stage: 1000 }, () => {
        throw new Error('target is busy');
      });
    },
  });
  const result = await createExecutor({ plugins: [plugin] }).runStage('s', [inline('f', 'stages: {}')]);
  assert.ok(result.fatal);
  assert.equal([result.errors[0]!.plugin, result.errors[0]!.hook], ['umounter', 'afterRun']);
  assert.match(result.errors[0]!.message, 'target is busy');
});

test('an aborted run stops starting steps, reports "interrupted" and still calls afterRun', async () => {
  const controller = new AbortController();
  const rec = recorder();
  const probe = probePlugin();
  const stopper = definePlugin({
    name: 'stopper',
    apply(hooks) {
      hooks.stepEnd.tap('stopper', () => controller.abort());
    },
  });
  const result = await createExecutor({ plugins: [probe.plugin, rec.plugin, stopper] }).runStage('s', [inline('cfg.yaml', TWO_STEPS)], {
    signal: controller.signal,
  });
  assert.equal(
    probe.calls.map((c) => c.id),
    ['c.one'],
  );
  assert.is(stepOf(result, 'c.two').status, 'failed');
  assert.match(stepOf(result, 'c.two').errors[0]!.message, 'interrupted');
  assert.ok(result.errors.some((e) => e.reason === 'interrupted'));
  assert.is(rec.calls.at(-1), 'afterRun false');
});

test('render: ctx.render goes through the render taps with the step; plain text without taps is unchanged', async () => {
  const seen: string[] = [];
  const user = definePlugin({
    name: 'user',
    actions: {
      say: defineAction({
        schema: yipSchema.actionSchemas.commands,
        order: ACTION_ORDER.COMMANDS,
        run: (value, ctx) => void seen.push(...value.map((v) => ctx.render(v))),
      }),
    },
  });
  const upper = definePlugin({
    name: 'upper',
    apply(hooks) {
      hooks.render.tap('upper', (text, ctx) => text.replace('{{id}}', ctx.step.id));
    },
  });
  await createExecutor({ plugins: [user, upper] }).runStage('s', [inline('f', 'stages: {s: [{name: n, say: ["a {{id}}", "plain"]}]}')]);
  assert.equal(seen, ['a f.n', 'plain']);
  seen.length = 0;
  await createExecutor({ plugins: [user] }).runStage('s', [inline('f', 'stages: {s: [{say: ["{{id}}"]}]}')]);
  assert.equal(seen, ['{{id}}']);
});

test('run state is shared by the hooks of one run and fresh for the next run', async () => {
  const KEY = Symbol('k');
  const seen: unknown[] = [];
  const plugin = definePlugin({
    name: 'stateful',
    apply(hooks) {
      hooks.beforeRun.tap('stateful', (run) => {
        seen.push(run.state.get(KEY));
        run.state.set(KEY, 'set in beforeRun');
      });
      hooks.stepStart.tap('stateful', (st) => void seen.push(st.run.state.get(KEY)));
    },
  });
  const executor = createExecutor({ plugins: [plugin] });
  await executor.runStage('s', [inline('f', 'stages: {s: [{name: a}]}')]);
  await executor.runStage('s', [inline('f', 'stages: {s: [{name: a}]}')]);
  assert.equal(seen, [undefined, 'set in beforeRun', undefined, 'set in beforeRun']);
});

test('run options reach the hooks: root, env, concurrency, and defaults', async () => {
  const options: unknown[] = [];
  const plugin = definePlugin({
    name: 'opts',
    apply(hooks) {
      hooks.beforeRun.tap('opts', (run) => void options.push(run.options));
    },
  });
  const executor = createExecutor({ plugins: [plugin], concurrency: 5 });
  await executor.run({ stages: [], root: '/tmp/root', env: { A: '1' } });
  await executor.run({ stages: [], concurrency: 2 });
  const [first, second] = options as { root: string; env: unknown; concurrency: number; analyze: boolean; dotNotation: boolean }[];
  assert.equal(
    [first!.root, first!.env, first!.concurrency, first!.analyze, first!.dotNotation],
    ['/tmp/root', { A: '1' }, 5, false, false],
  );
  assert.equal([second!.root, second!.env, second!.concurrency], ['/', process.env, 2]);
});

test.run();
