/**
 * `yip plan`: what a stage would change, as a diff, with nothing changed. The stage runs in the
 * engine's plan mode (conditionals and templates as in a real run, each action's `plan` instead
 * of its `run`), through the same plugins, settings and isolation as a run. Exit status as
 * `terraform plan -detailed-exitcode`: 0 nothing would change, 2 something would, 1 an error (a
 * step that could not be planned, a source that failed).
 */
import { createExecutor } from '@yipts/core';
import type { Logger, PlanOptions, Plugin, RunResult } from '@yipts/core';
import { isolate } from '@yipts/isolation';
import { interruptedExitCode, runStage } from '@yipts/preset';
import type { FlagValues } from '../flag-table.js';
import type { CliIO } from '../io.js';
import { useColour } from '../log-format.js';
import type { Settings } from '../settings.js';
import { withInterrupts } from '../signals.js';
import { expandStdin } from '../stdin.js';
import { formatPlanJson } from './format-json.js';
import { formatPlanText } from './format-text.js';
import { wouldChange } from './summary.js';

export const EXIT_NO_CHANGES = 0;
export const EXIT_PLAN_ERROR = 1;
export const EXIT_CHANGES = 2;

export interface PlanRun {
  readonly flags: FlagValues;
  readonly settings: Settings;
  readonly plugins: readonly Plugin[];
  readonly logger: Logger;
  /** The arguments of this command, to run it again elsewhere. */
  readonly argv: readonly string[];
}

export async function planCommand(
  command: 'plan' | 'plan-stage',
  run: PlanRun,
  positionals: readonly string[],
  io: CliIO,
): Promise<number> {
  const { flags, settings } = run;
  const plan: PlanOptions = { runConditions: flags.runConditions, fetch: flags.fetch };
  const rerun = [...io.argv0, ...run.argv];
  const outcome = await withInterrupts(run.logger, async (signal): Promise<RunResult | number> => {
    if (command === 'plan-stage') {
      const staged = await runStage({
        stage: positionals[0]!,
        root: settings.root,
        cloudInitPaths: settings.cloudInitPaths,
        plugins: run.plugins,
        logger: run.logger,
        env: io.env,
        signal,
        rerun,
        plan,
        ...(settings.configPaths ? { configPaths: settings.configPaths } : {}),
        ...(settings.cmdline !== undefined ? { cmdline: settings.cmdline } : {}),
        ...(settings.concurrency !== undefined ? { concurrency: settings.concurrency } : {}),
      });
      return staged.result ?? staged.exitCode;
    }
    const executor = createExecutor({ plugins: run.plugins, logger: run.logger });
    // With a root, the mount plugin runs this command again in a private mount namespace.
    const code = await isolate(executor.hooks, { argv: rerun, env: io.env, root: settings.root });
    if (code !== undefined) return code;
    const sources = await expandStdin(positionals, false);
    const result = await executor.run({
      stages: [{ stage: flags.stage ?? 'default', sources }],
      root: settings.root,
      env: io.env,
      signal,
      plan,
      ...(settings.concurrency !== undefined ? { concurrency: settings.concurrency } : {}),
    });
    return interruptedExitCode(signal) ?? result;
  });
  // A number: the plan ran in another process (which printed it) or was interrupted.
  if (typeof outcome === 'number') return outcome;
  if (!outcome.ok) run.logger.log('error', 'the plan is incomplete: some steps could not be planned');
  io.stdout(flags.format === 'json' ? formatPlanJson(outcome) : formatPlanText(outcome, useColour(process.stdout, io.env)));
  return exitCode(outcome);
}

export function exitCode(result: RunResult): number {
  if (!result.ok) return EXIT_PLAN_ERROR;
  return wouldChange(result) ? EXIT_CHANGES : EXIT_NO_CHANGES;
}
