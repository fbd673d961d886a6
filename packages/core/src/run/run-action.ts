/**
 * Running one action key of a step, and `ctx.perform`: a plugin asking for the effect of a key
 * another plugin owns. Both go the same way: the owner's taps on `action:<key>`, errors
 * attributed to the owner with the step's file and id, "no plugin handles" when nobody owns it.
 */
import type { ActionContext, PlannedStep, StepContext } from '../context.js';
import { flattenErrors, toYiptsError, YiptsError } from '../errors.js';
import type { ErrorOrigin } from '../errors.js';
import type { Hooks } from '../hooks.js';
import { withMeta } from '../logger.js';
import { fromPlain } from '../node.js';
import type { Position } from '../node.js';
import type { Registry } from '../registry.js';
import type { Diagnostic } from '../diagnostics.js';
import { INVALID } from '../schema/dsl.js';

/** What the actions of one step share: its context, hooks, composition and error list. */
export interface StepRuntime {
  readonly ctx: StepContext;
  readonly hooks: Hooks;
  readonly registry: Registry;
  readonly origin: ErrorOrigin;
  /** Adds an error to the step (and calls `stepError`). */
  readonly record: (error: YiptsError) => void;
}

/**
 * Where a key is written in the step, for messages. A file read by the fast reader (nothing to
 * report at planning) has no positions: line 0, left out of messages.
 */
function keyPosition(step: PlannedStep, key: string): Position | undefined {
  const pos = step.node.entries.find((e) => e.key === key)?.keyPos ?? step.pos;
  return pos.line > 0 ? pos : undefined;
}

export function warnUnhandled(rt: StepRuntime, key: string, pos: Position | undefined): void {
  rt.ctx.logger.log('warning', `no plugin handles \`${key}\`; it is ignored`, pos ? { line: pos.line, col: pos.col } : {});
}

/**
 * Runs `key` of `step` through its taps. `performing` lists the keys of the `perform` calls
 * this one is nested in, so that a key asking for itself (directly or not) is refused instead
 * of recursing for ever.
 */
export async function runAction(rt: StepRuntime, key: string, step: PlannedStep, performing: readonly string[]): Promise<void> {
  const owner = { ...rt.origin, plugin: rt.registry.actions.get(key)?.plugin, hook: `action:${key}` };
  const nested = performing.length > 0;
  const actionCtx: ActionContext = {
    ...rt.ctx,
    step,
    key,
    logger: withMeta(rt.ctx.logger, { plugin: owner.plugin }),
    // A performed value was built by a plugin, not written by the user: it is not a template.
    render: nested ? (text) => text : rt.ctx.render,
    report: (error) => {
      for (const e of flattenErrors(error)) rt.record(toYiptsError(e, owner));
    },
    perform: (other, value) => perform(rt, { key, step, performing: [...performing, key] }, other, value),
  };
  try {
    await rt.hooks.action.for(key).promise(actionCtx);
  } catch (e) {
    for (const err of flattenErrors(e)) rt.record(toYiptsError(err, { ...rt.origin, hook: `action:${key}` }));
  }
}

interface Caller {
  readonly key: string;
  readonly step: PlannedStep;
  readonly performing: readonly string[];
}

/** `ctx.perform(key, value)`: true when the owner of `key` ran it without recording an error. */
async function perform(rt: StepRuntime, caller: Caller, key: string, value: unknown): Promise<boolean> {
  const pos = keyPosition(caller.step, caller.key);
  const callerOrigin = { ...rt.origin, plugin: rt.registry.actions.get(caller.key)?.plugin, hook: `action:${caller.key}` };
  if (!rt.registry.actions.has(key)) {
    warnUnhandled(rt, key, pos);
    return false;
  }
  if (caller.performing.includes(key)) {
    rt.record(new YiptsError(`perform(\`${key}\`): \`${key}\` is already being performed by this step`, callerOrigin));
    return false;
  }
  // The value is the caller's: a value the key's schema refuses is the caller's error.
  const diagnostics: Diagnostic[] = [];
  const node = fromPlain(value, pos ?? caller.step.pos);
  const checked = rt.registry.stepSchema.shape[key]!.check(node, { file: rt.ctx.step.file, diagnostics });
  const at = pos ? { plugin: callerOrigin.plugin, line: pos.line, col: pos.col } : { plugin: callerOrigin.plugin };
  for (const d of diagnostics) {
    const message = `perform(\`${key}\`): ${d.message}`;
    if (d.severity === 'warning') rt.ctx.logger.log('warning', message, at);
    else rt.record(new YiptsError(message, callerOrigin));
  }
  if (checked === INVALID || diagnostics.some((d) => d.severity === 'error')) return false;
  // Counted here rather than on the step: the caller may perform several keys at once.
  let failures = 0;
  const counted: StepRuntime = {
    ...rt,
    record: (error) => {
      failures++;
      rt.record(error);
    },
  };
  const step: PlannedStep = { ...caller.step, spec: Object.freeze({ [key]: checked }) };
  await runAction(counted, key, step, caller.performing);
  return failures === 0;
}
