/** `yip run-stage STAGE`: the preset's run-stage, given the command line's plugins and settings. */
import type { Logger, Plugin } from '@yipts/core';
import { runStage } from '@yipts/preset';
import { formatAnalysis } from './analyze.js';
import type { FlagValues } from './flag-table.js';
import type { CliIO } from './io.js';
import { reportedRun } from './report/write-report.js';
import type { Settings } from './settings.js';
import { withInterrupts } from './signals.js';

export interface StageRun {
  readonly flags: FlagValues;
  readonly stage: string;
  readonly settings: Settings;
  readonly plugins: readonly Plugin[];
  readonly logger: Logger;
  readonly argv: readonly string[];
}

export async function runStageCommand(run: StageRun, io: CliIO): Promise<number> {
  const { settings } = run;
  const reported = reportedRun(run.flags.report, 'run-stage', run.plugins, io);
  const outcome = await withInterrupts(run.logger, (signal) =>
    runStage({
      stage: run.stage,
      root: settings.root,
      cloudInitPaths: settings.cloudInitPaths,
      strict: settings.strict,
      plugins: reported.plugins,
      logger: run.logger,
      analyze: run.flags.analyze,
      env: io.env,
      signal,
      rerun: [...io.argv0, ...run.argv],
      ...(settings.configPaths ? { configPaths: settings.configPaths } : {}),
      ...(settings.cmdline !== undefined ? { cmdline: settings.cmdline } : {}),
      ...(settings.concurrency !== undefined ? { concurrency: settings.concurrency } : {}),
    }),
  );
  // No result: the run happened in a private mount namespace, whose process wrote the report.
  if (outcome.result) await reported.write(outcome.result);
  if (run.flags.analyze && outcome.result) io.stdout(formatAnalysis(outcome.result));
  return outcome.exitCode;
}
