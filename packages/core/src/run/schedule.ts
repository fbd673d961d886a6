/**
 * Runs planned steps as their dependencies finish, at most `concurrency` at a time. Ready steps
 * start in declaration order. Dependencies are weak: a step waits for its dependencies to end,
 * whatever their outcome.
 */
import type { PlannedStep, StepResult } from '../context.js';

export async function schedule(
  steps: readonly PlannedStep[],
  concurrency: number,
  runOne: (step: PlannedStep) => Promise<StepResult>,
): Promise<StepResult[]> {
  const order = new Map(steps.map((s, i) => [s.id, i] as const));
  const waiting = new Map<string, number>();
  const dependents = new Map<string, string[]>();
  for (const s of steps) {
    const deps = s.after.filter((d) => order.has(d));
    waiting.set(s.id, deps.length);
    for (const d of deps) (dependents.get(d) ?? dependents.set(d, []).get(d)!).push(s.id);
  }
  const results: (StepResult | undefined)[] = new Array(steps.length);
  // Ready queue kept sorted by declaration index (a small binary heap is not worth it here:
  // ready sets are short, and insertion keeps the order stable).
  const ready: number[] = [];
  const pushReady = (i: number) => {
    let lo = 0;
    let hi = ready.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (ready[mid]! < i) lo = mid + 1;
      else hi = mid;
    }
    ready.splice(lo, 0, i);
  };
  steps.forEach((s, i) => {
    if (waiting.get(s.id) === 0) pushReady(i);
  });
  const limit = Math.max(1, concurrency);
  let running = 0;
  let finished = 0;

  return new Promise<StepResult[]>((resolve, reject) => {
    const pump = () => {
      if (finished === steps.length) {
        resolve(results as StepResult[]);
        return;
      }
      while (running < limit && ready.length) {
        const i = ready.shift()!;
        const step = steps[i]!;
        running++;
        runOne(step).then((result) => {
          results[i] = result;
          running--;
          finished++;
          for (const d of dependents.get(step.id) ?? []) {
            const left = waiting.get(d)! - 1;
            waiting.set(d, left);
            if (left === 0) pushReady(order.get(d)!);
          }
          pump();
        }, reject);
      }
      if (running === 0 && ready.length === 0 && finished < steps.length) {
        reject(new Error('scheduler stalled: unresolved dependencies remain (a cycle was not broken)'));
      }
    };
    pump();
  });
}
