/** The scheduler: dependencies first, weak dependencies, bounded concurrency, declaration order. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { PlannedStep, StepResult } from '../src/index.js';
import { schedule } from '../src/run/schedule.js';
import { deferred } from './helpers.js';

function steps(edges: Record<string, string[]>): PlannedStep[] {
  return Object.entries(edges).map(([id, after], index) => ({
    id,
    name: id,
    index,
    file: 'f',
    configName: undefined,
    pos: { line: 1, col: 1 },
    after,
    spec: {},
    node: { kind: 'map', entries: [], pos: { line: 1, col: 1 } },
    problems: [],
  }));
}

const result = (id: string, status: StepResult['status'] = 'ok'): StepResult => ({ id, file: 'f', status, errors: [], durationMs: 0 });
const tick = () => new Promise<void>((r) => setImmediate(r));

test('independent steps run at the same time, never more than `concurrency`', async () => {
  const plan = steps(Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`s${i}`, []])));
  let inFlight = 0;
  let max = 0;
  const started: string[] = [];
  const results = await schedule(plan, 3, async (step) => {
    started.push(step.id);
    inFlight++;
    max = Math.max(max, inFlight);
    // Finish in an order unlike the start order, so slots free up unevenly.
    for (let i = 0; i < (step.index * 7) % 5; i++) await tick();
    inFlight--;
    return result(step.id);
  });
  assert.is(max, 3);
  assert.is(results.length, 20);
  assert.equal(
    results.map((r) => r.id),
    plan.map((s) => s.id),
    'results come back in plan order',
  );
  assert.equal(
    started,
    plan.map((s) => s.id),
    'ready steps start in declaration order',
  );
});

test('a step starts only when all its dependencies have ended', async () => {
  const plan = steps({ a: [], b: [], c: ['a', 'b'], d: ['c'] });
  const gates = Object.fromEntries(plan.map((s) => [s.id, deferred()]));
  const events: string[] = [];
  const done = schedule(plan, 10, async (step) => {
    events.push(`start ${step.id}`);
    await gates[step.id]!.promise;
    events.push(`end ${step.id}`);
    return result(step.id);
  });
  await tick();
  assert.equal(events, ['start a', 'start b']);
  gates.a!.resolve();
  await tick();
  assert.equal(events, ['start a', 'start b', 'end a'], 'c still waits for b');
  gates.b!.resolve();
  await tick();
  assert.equal(events.slice(3), ['end b', 'start c']);
  gates.c!.resolve();
  gates.d!.resolve();
  await done;
  assert.equal(events.slice(5), ['end c', 'start d', 'end d']);
});

test('dependencies are weak: a failed step does not stop the steps waiting for it', async () => {
  const plan = steps({ a: [], b: ['a'], c: ['b'] });
  const ran: string[] = [];
  const results = await schedule(plan, 2, async (step) => {
    ran.push(step.id);
    return result(step.id, step.id === 'a' ? 'failed' : 'ok');
  });
  assert.equal(ran, ['a', 'b', 'c']);
  assert.equal(
    results.map((r) => r.status),
    ['failed', 'ok', 'ok'],
  );
});

test('dependencies on ids outside the plan are ignored', async () => {
  const plan = steps({ a: ['elsewhere'], b: ['a', 'ghost'] });
  const results = await schedule(plan, 1, async (step) => result(step.id));
  assert.equal(
    results.map((r) => r.id),
    ['a', 'b'],
  );
});

test('concurrency below 1 still runs one at a time', async () => {
  const plan = steps({ a: [], b: [], c: [] });
  let inFlight = 0;
  let max = 0;
  await schedule(plan, 0, async (step) => {
    max = Math.max(max, ++inFlight);
    await tick();
    inFlight--;
    return result(step.id);
  });
  assert.is(max, 1);
});

test('an empty plan resolves at once; an unbroken cycle is reported, not a hang', async () => {
  assert.equal(await schedule([], 4, async (s) => result(s.id)), []);
  try {
    await schedule(steps({ a: ['b'], b: ['a'] }), 4, async (s) => result(s.id));
    assert.unreachable('should reject');
  } catch (e) {
    assert.match((e as Error).message, 'scheduler stalled');
  }
});

test('a runner that throws rejects the schedule', async () => {
  try {
    await schedule(steps({ a: [] }), 1, async () => {
      throw new Error('engine bug');
    });
    assert.unreachable('should reject');
  } catch (e) {
    assert.is((e as Error).message, 'engine bug');
  }
});

test('a long chain of steps completes without overflowing the stack', async () => {
  const n = 20_000;
  const plan = steps(Object.fromEntries(Array.from({ length: n }, (_, i) => [`s${i}`, i ? [`s${i - 1}`] : []])));
  let count = 0;
  const results = await schedule(plan, 4, (step) => {
    count++;
    return Promise.resolve(result(step.id));
  });
  assert.is(count, n);
  assert.is(results[n - 1]!.id, `s${n - 1}`);
});

test.run();
