/** Runs one planned step: conditionals, then its actions in the fixed order, collecting errors. */
import { now } from '../clock.js';
import type { PlannedStep, StageContext, StepContext, StepResult } from '../context.js';
import { flattenErrors, toYiptsError, YiptsError } from '../errors.js';
import type { Hooks } from '../hooks.js';
import { withMeta } from '../logger.js';
import type { Registry } from '../registry.js';
import { isEngineKey } from '../schema/yip.js';
import { runAction } from './run-action.js';
import type { StepRuntime } from './run-action.js';

export async function runStep(step: PlannedStep, stage: StageContext, hooks: Hooks, registry: Registry): Promise<StepResult> {
  const started = now();
  const errors: YiptsError[] = [];
  const origin = { file: step.file, stepId: step.id };
  const logger = withMeta(stage.run.logger, { file: step.file, stepId: step.id });
  const ctx: StepContext = {
    run: stage.run,
    stage: stage.stage,
    stageContext: stage,
    step,
    logger,
    signal: stage.run.signal,
    render: (text) => hooks.render.call(text, ctx),
    report: (error) => {
      for (const e of flattenErrors(error)) record(toYiptsError(e, origin));
    },
  };
  const record = (error: YiptsError) => {
    errors.push(error);
    logger.log('error', error.hook && error.hook !== 'plan' ? `${error.hook}: ${error.reason}` : error.reason, {
      plugin: error.plugin,
      line: error.line,
      col: error.col,
    });
    try {
      hooks.stepError.call(ctx, error);
    } catch (e) {
      // A failing error handler must not take the rest of the stage down with it.
      const failure = toYiptsError(e, origin);
      errors.push(failure);
      logger.log('error', `stepError: ${failure.reason}`, { plugin: failure.plugin });
    }
  };
  const finish = async (status: StepResult['status'], skipReason?: string): Promise<StepResult> => {
    const make = (): StepResult => {
      const base = {
        id: step.id,
        file: step.file,
        status: errors.length ? ('failed' as const) : status,
        errors,
        durationMs: now() - started,
      };
      return skipReason === undefined ? base : { ...base, skipReason };
    };
    try {
      await hooks.stepEnd.promise(ctx, make());
    } catch (e) {
      record(toYiptsError(e, origin));
    }
    // Computed again: a stepEnd tap that failed makes the step failed.
    return make();
  };

  if (step.problems.length) {
    for (const p of step.problems) record(p.withOrigin({ ...origin, hook: 'plan' }));
    return finish('failed');
  }
  if (stage.run.signal.aborted) {
    record(new YiptsError('not run: the run was interrupted', origin));
    return finish('failed');
  }
  try {
    await hooks.stepStart.promise(ctx);
    const skip = await hooks.checkStep.promise(ctx);
    if (skip !== undefined) {
      logger.log('info', `skipped: ${skip}`);
      return finish('skipped', skip);
    }
  } catch (e) {
    record(toYiptsError(e, origin));
    return finish('failed');
  }

  logger.log('debug', 'running');
  const runtime: StepRuntime = { ctx, hooks, registry, origin, record };
  for (const key of actionKeys(step, registry)) {
    // A key no plugin handles was reported when the stage was planned.
    if (registry.actions.has(key)) await runAction(runtime, key, step, []);
  }
  return finish('ok');
}

/** The step's keys that are not engine keys or conditionals, in the fixed action order. */
function actionKeys(step: PlannedStep, registry: Registry): string[] {
  const keys = Object.keys(step.spec).filter((k) => !isEngineKey(k) && !registry.conditions.has(k));
  const order = (k: string) => registry.actions.get(k)?.order ?? Number.MAX_SAFE_INTEGER;
  return keys.sort((a, b) => order(a) - order(b));
}
