/**
 * Plan mode: where the changes a step would make are kept during a run, and how they reach the
 * step's result. Keyed by the planned step, so every action and conditional of a step adds to
 * the same list, whatever context object it was given.
 */
import type { PlannedStep, RunContext, StepContext, StepResult } from '../context.js';
import type { Change } from './changes.js';

const CHANGES = Symbol('plan changes');

type Store = Map<PlannedStep, Change[]>;

function storeOf(run: RunContext): Store {
  let store = run.state.get(CHANGES) as Store | undefined;
  if (!store) {
    store = new Map();
    run.state.set(CHANGES, store);
  }
  return store;
}

/** Whether the run is a plan: actions report what they would change and do nothing. */
export function isPlanning(ctx: StepContext): boolean {
  return ctx.run.options.plan !== undefined;
}

/** Adds to what the step would change. Outside plan mode it does nothing. */
export function recordChanges(ctx: StepContext, changes: readonly Change[]): void {
  if (!isPlanning(ctx)) return;
  const store = storeOf(ctx.run);
  const list = store.get(ctx.step) ?? [];
  list.push(...changes);
  store.set(ctx.step, list);
}

/** The results of a stage's steps, each with the changes it would make (same order as `steps`). */
export function withChanges(run: RunContext, steps: readonly PlannedStep[], results: readonly StepResult[]): StepResult[] {
  const store = storeOf(run);
  return results.map((r, i) => ({ ...r, changes: store.get(steps[i]!) ?? [] }));
}
