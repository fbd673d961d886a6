import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { ACTION_ORDER, CONDITION_ORDER, defineAction, defineCondition, definePlugin, s } from '@yipts/core';
import type { Plugin } from '@yipts/core';
import { runYaml } from '@yipts/testing';
import progressPlugin, { formatDuration } from '../src/index.js';

/** Steps that really take time: `wait: MS` sleeps, `boom: text` fails, `only_if: false` skips. */
function workPlugin(): Plugin {
  return definePlugin({
    name: 'work',
    actions: {
      wait: defineAction({
        schema: s.integer(),
        order: ACTION_ORDER.COMMANDS,
        run: (ms) => new Promise<void>((done) => setTimeout(done, ms)),
      }),
      boom: defineAction({
        schema: s.string(),
        order: ACTION_ORDER.COMMANDS + 10,
        run: (text) => {
          throw new Error(text);
        },
      }),
    },
    conditions: {
      only_if: defineCondition({
        schema: s.boolean(),
        order: CONDITION_ORDER.IF + 1,
        check: (yes) => (yes ? undefined : 'only_if is false'),
      }),
    },
  });
}

const YAML = `name: demo
stages:
  boot:
    - name: slow
      wait: 260
    - name: broken
      boom: no disk
    - name: not-here
      only_if: false
      wait: 1
`;

const progress = suite('progress');

progress('a line when each step starts and ends, with outcome, stage and duration', async () => {
  const run = await runYaml(YAML, { plugins: [workPlugin(), progressPlugin({ heartbeatMs: 0 })], stage: 'boot', concurrency: 1 });
  const ofStep = (id: string) => run.logs.filter((r) => r.stepId === id && r.event !== undefined);
  assert.equal(
    ofStep('demo.slow').map((r) => [r.level, r.event, r.stage, r.status ?? null]),
    [
      ['info', 'step-start', 'boot', null],
      ['info', 'step-end', 'boot', 'ok'],
    ],
  );
  const slowEnd = ofStep('demo.slow')[1]!;
  assert.ok(slowEnd.durationMs! >= 250, `duration ${slowEnd.durationMs}`);
  assert.match(slowEnd.message, /^ok in 0\.2\d|^ok in 0\.3\d/);
  const brokenEnd = ofStep('demo.broken').find((r) => r.event === 'step-end')!;
  assert.is(brokenEnd.status, 'failed');
  assert.is(brokenEnd.level, 'warning');
  // A skipped step starts (its conditions are part of it, as in yip); the engine says at INFO
  // why it was skipped, so its end record is there for tools, at DEBUG.
  assert.equal(
    ofStep('demo.not-here').map((r) => [r.level, r.event, r.status ?? null]),
    [
      ['info', 'step-start', null],
      ['debug', 'step-end', 'skipped'],
    ],
  );
});

progress('a step running past the interval is reported as still running, each interval, until it ends', async () => {
  const yaml = 'name: demo\nstages:\n  boot:\n    - name: slow\n      wait: 560\n    - name: quick\n      wait: 1\n';
  const run = await runYaml(yaml, { plugins: [workPlugin(), progressPlugin({ heartbeatMs: 200 })], stage: 'boot', concurrency: 1 });
  const beats = run.logs.filter((r) => r.event === 'step-running');
  assert.is(beats.length, 2, beats.map((b) => b.message).join(', '));
  assert.ok(beats.every((b) => b.stepId === 'demo.slow' && /^still running \(0\.\d\ds\)$/.test(b.message)));
  assert.ok(beats[1]!.durationMs! > beats[0]!.durationMs!);
  // The reminder stops with the step: nothing arrives after the run.
  await new Promise((done) => setTimeout(done, 450));
  assert.is(run.logs.filter((r) => r.event === 'step-running').length, 2);
});

progress("one closing record per run: steps by outcome and the run's time", async () => {
  const run = await runYaml(YAML, { plugins: [workPlugin(), progressPlugin({ heartbeatMs: 0 })], stage: 'boot' });
  const ends = run.logs.filter((r) => r.event === 'run-end');
  assert.is(ends.length, 1);
  const end = ends[0]!;
  assert.equal(end.steps, { ok: 1, failed: 1, skipped: 1 });
  assert.is(end.status, 'failed');
  assert.is(end.level, 'warning');
  assert.ok(end.durationMs! >= 250);
  assert.match(end.message, /^run finished: 1 ok, 1 failed, 1 skipped in 0\.\d\ds$/);
});

progress('a run that only plans (-a) prints no progress', async () => {
  const run = await runYaml(YAML, { plugins: [workPlugin(), progressPlugin()], stage: 'boot', analyze: true });
  assert.equal(
    run.logs.filter((r) => r.event !== undefined),
    [],
  );
});

progress('a heartbeat interval that is not a number of milliseconds is refused', () => {
  assert.throws(() => progressPlugin({ heartbeatMs: -1 }), /heartbeatMs/);
  assert.throws(() => progressPlugin({ heartbeatMs: Number.NaN }), /heartbeatMs/);
});

progress.run();

const duration = suite('formatDuration');

duration('seconds with two decimals, then one, then minutes and hours', () => {
  assert.is(formatDuration(40), '0.04s');
  assert.is(formatDuration(9_994), '9.99s');
  assert.is(formatDuration(12_340), '12.3s');
  assert.is(formatDuration(123_000), '2m03s');
  assert.is(formatDuration(3_720_000), '1h02m');
  assert.is(formatDuration(-5), '0.00s');
});

duration.run();
