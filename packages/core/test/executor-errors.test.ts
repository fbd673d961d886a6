/** Errors: who failed, where and why reach the result; a failure never stops the other steps. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ACTION_ORDER, createExecutor, defineAction, defineCondition, definePlugin, s, YiptsError } from '../src/index.js';
import { inline, probePlugin, recordingLogger, stepOf } from './helpers.js';

/** Actions that fail in the ways a plugin can: throw, throw several, report and go on. */
function failingPlugin() {
  const reached: string[] = [];
  const plugin = definePlugin({
    name: 'failing',
    actions: {
      throws: defineAction({
        schema: s.string(),
        order: ACTION_ORDER.FILES,
        run: (value) => {
          if (value === 'string') throw 'a bare string';
          if (value === 'yipts') throw new YiptsError('with origin', { plugin: 'inner', hook: 'custom', line: 99 });
          throw new TypeError(`thrown: ${value}`);
        },
      }),
      several: defineAction({
        schema: s.list(s.string()),
        order: ACTION_ORDER.COMMANDS,
        run: (values) => {
          throw new AggregateError(
            values.map((v) => new Error(v)),
            'many',
          );
        },
      }),
      reports: defineAction({
        schema: s.list(s.string()),
        order: ACTION_ORDER.PACKAGES,
        run: (values, ctx) => {
          for (const v of values) {
            if (v.startsWith('bad')) ctx.report(new Error(`entry ${v} failed`));
            else reached.push(v);
          }
        },
      }),
    },
  });
  return { plugin, reached };
}

test('a thrown error reaches the result with plugin, hook, file, step id and the original as cause', async () => {
  const f = failingPlugin();
  const result = await createExecutor({ plugins: [f.plugin] }).runStage('s', [
    inline('/oem/a.yaml', 'name: cfg\nstages:\n  s:\n    - name: one\n      throws: disk full\n'),
  ]);
  const step = stepOf(result, 'cfg.one');
  assert.is(step.status, 'failed');
  assert.is(step.errors.length, 1);
  const e = step.errors[0]!;
  assert.instance(e, YiptsError);
  assert.is(e.plugin, 'failing');
  assert.is(e.hook, 'action:throws');
  assert.is(e.file, '/oem/a.yaml');
  assert.is(e.stepId, 'cfg.one');
  assert.is(e.reason, 'thrown: disk full');
  assert.is(e.message, '[failing] action:throws: thrown: disk full');
  assert.instance(e.cause, TypeError);
  assert.not.ok(result.ok);
});

test('a non-Error thrown value and a YiptsError with its own origin are kept readable', async () => {
  const f = failingPlugin();
  const result = await createExecutor({ plugins: [f.plugin] }).runStage('s', [
    inline('f', 'stages:\n  s:\n    - throws: string\n    - throws: yipts\n'),
  ]);
  const [bare] = stepOf(result, 'f.0').errors;
  assert.is(bare!.reason, 'a bare string');
  assert.is(bare!.cause, 'a bare string');
  const [own] = stepOf(result, 'f.1').errors;
  assert.equal([own!.plugin, own!.hook, own!.line, own!.stepId, own!.file], ['inner', 'custom', 99, 'f.1', 'f']);
});

test('an AggregateError becomes one error per entry', async () => {
  const f = failingPlugin();
  const result = await createExecutor({ plugins: [f.plugin] }).runStage('s', [inline('f', 'stages:\n  s:\n    - several: [x, y, z]\n')]);
  const errors = stepOf(result, 'f.0').errors;
  assert.equal(
    errors.map((e) => e.reason),
    ['x', 'y', 'z'],
  );
  assert.ok(errors.every((e) => e.plugin === 'failing' && e.hook === 'action:several' && e.stepId === 'f.0'));
});

test('ctx.report records an error and the action goes on with the next entry', async () => {
  const f = failingPlugin();
  const result = await createExecutor({ plugins: [f.plugin] }).runStage('s', [
    inline('f', 'stages:\n  s:\n    - reports: [a, bad1, b, bad2, c]\n'),
  ]);
  assert.equal(f.reached, ['a', 'b', 'c']);
  const errors = stepOf(result, 'f.0').errors;
  assert.equal(
    errors.map((e) => e.reason),
    ['entry bad1 failed', 'entry bad2 failed'],
  );
  assert.equal([errors[0]!.plugin, errors[0]!.hook], ['failing', 'action:reports']);
});

test('every action of a step runs even when an earlier one failed; errors are collected in order', async () => {
  const f = failingPlugin();
  const result = await createExecutor({ plugins: [f.plugin] }).runStage('s', [
    inline('f', 'stages:\n  s:\n    - reports: [ok, bad]\n      several: [m]\n      throws: first\n'),
  ]);
  assert.equal(
    stepOf(result, 'f.0').errors.map((e) => e.hook),
    ['action:throws', 'action:several', 'action:reports'],
  );
  assert.equal(f.reached, ['ok']);
});

test('a failed step does not stop the steps that wait for it, implicitly or through `after`', async () => {
  const probe = probePlugin();
  const result = await createExecutor({ plugins: [probe.plugin] }).runStage('s', [
    inline(
      'f',
      'name: c\nstages:\n  s:\n    - name: a\n      probe: {fail: nope}\n    - name: b\n      probe: {}\n    - name: x\n      after: [{name: a}]\n      probe: {}\n',
    ),
  ]);
  assert.equal(
    probe.calls.map((c) => c.id),
    ['c.a', 'c.b', 'c.x'],
  );
  assert.equal(
    result.stages[0]!.steps.map((st) => st.status),
    ['failed', 'ok', 'ok'],
  );
});

test('a throwing conditional fails the step (it is not a skip) and names the plugin', async () => {
  const probe = probePlugin();
  const cond = definePlugin({
    name: 'cond',
    conditions: {
      when: defineCondition({
        schema: s.string(),
        order: 100,
        check: (v) => {
          if (v === 'throw') throw new Error('bad pattern');
          return v === 'skip' ? 'told to' : undefined;
        },
      }),
    },
  });
  const result = await createExecutor({ plugins: [probe.plugin, cond] }).runStage('s', [
    inline('f', 'stages:\n  s:\n    - {when: throw, probe: {}}\n    - {when: skip, probe: {}}\n    - {when: go, probe: {}}\n'),
  ]);
  assert.equal(
    result.stages[0]!.steps.map((st) => st.status),
    ['failed', 'skipped', 'ok'],
  );
  const e = stepOf(result, 'f.0').errors[0]!;
  assert.equal([e.plugin, e.hook, e.reason, e.stepId], ['cond', 'checkStep', 'bad pattern', 'f.0']);
  assert.equal(
    probe.calls.map((c) => c.id),
    ['f.2'],
  );
});

test('a throwing stepStart or stepEnd tap fails the step with the plugin named', async () => {
  const probe = probePlugin();
  const plugin = definePlugin({
    name: 'watcher',
    apply(hooks) {
      hooks.stepStart.tap('watcher', (st) => {
        if (st.step.name === 'a') throw new Error('cannot start');
      });
      hooks.stepEnd.tapPromise('watcher', async (st) => {
        if (st.step.name === 'b') throw new Error('cannot end');
      });
    },
  });
  const result = await createExecutor({ plugins: [probe.plugin, plugin] }).runStage('s', [
    inline('f', 'stages:\n  s:\n    - {name: a, probe: {}}\n    - {name: b, probe: {}}\n'),
  ]);
  const a = stepOf(result, 'f.a');
  assert.is(a.status, 'failed');
  assert.equal([a.errors[0]!.plugin, a.errors[0]!.hook], ['watcher', 'stepStart']);
  assert.equal(
    probe.calls.map((c) => c.id),
    ['f.b'],
  );
  const b = stepOf(result, 'f.b');
  assert.equal([b.errors[0]!.plugin, b.errors[0]!.hook, b.errors[0]!.reason], ['watcher', 'stepEnd', 'cannot end']);
});

test('errors are logged once, at error level, with file, step and plugin', async () => {
  const f = failingPlugin();
  const { logger, records } = recordingLogger();
  await createExecutor({ plugins: [f.plugin], logger }).runStage('s', [inline('/oem/x.yaml', 'stages:\n  s:\n    - throws: boom\n')]);
  const errors = records.filter((r) => r.level === 'error');
  assert.is(errors.length, 1);
  assert.match(errors[0]!.message, 'boom');
  assert.equal([errors[0]!.meta?.file, errors[0]!.meta?.stepId, errors[0]!.meta?.plugin], ['/oem/x.yaml', '/oem/x.yaml.0', 'failing']);
});

test('a plan problem is an error of the step with its position, logged with the file', async () => {
  const probe = probePlugin();
  const { logger, records } = recordingLogger();
  const result = await createExecutor({ plugins: [probe.plugin], logger }).runStage('s', [
    inline('f.yaml', 'stages:\n  s:\n    - probe: {wait: later}\n'),
  ]);
  const e = stepOf(result, 'f.yaml.0').errors[0]!;
  assert.equal([e.file, e.line, e.col, e.hook], ['f.yaml', 3, 21, 'plan']);
  const logged = records.find((r) => r.level === 'error');
  assert.equal([logged?.meta?.file, logged?.meta?.line, logged?.meta?.stepId], ['f.yaml', 3, 'f.yaml.0']);
});

test('skipped steps are not failures: the run is ok', async () => {
  const cond = definePlugin({
    name: 'never',
    conditions: { never: defineCondition({ schema: s.boolean(), order: 1, check: (v) => (v ? 'never' : undefined) }) },
  });
  const result = await createExecutor({ plugins: [cond] }).runStage('s', [inline('f', 'stages:\n  s:\n    - never: yes\n')]);
  assert.is(stepOf(result, 'f.0').status, 'skipped');
  assert.ok(result.ok);
});

test.run();
