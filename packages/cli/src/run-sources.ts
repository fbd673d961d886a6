/** `yip [-s STAGE] [-a] [-d] SOURCE...`: each source is its own run of the stage, in order. */
import { createExecutor } from '@yipts/core';
import type { Logger, Plugin } from '@yipts/core';
import { isolate } from '@yipts/isolation';
import { EXIT_FAILURE, EXIT_OK, interruptedExitCode } from '@yipts/preset';
import { formatAnalysis } from './analyze.js';
import type { FlagValues } from './flag-table.js';
import type { CliIO } from './io.js';
import { reportedRun } from './report/write-report.js';
import type { Settings } from './settings.js';
import { withInterrupts } from './signals.js';
import { expandStdin } from './stdin.js';

export interface SourcesRun {
  readonly flags: FlagValues;
  readonly sources: readonly string[];
  readonly settings: Settings;
  readonly plugins: readonly Plugin[];
  readonly logger: Logger;
  /** The arguments of this command, to run it again elsewhere. */
  readonly argv: readonly string[];
}

export async function runSources(run: SourcesRun, io: CliIO): Promise<number> {
  const { flags, settings } = run;
  const reported = reportedRun(flags.report, 'run', run.plugins, io);
  const executor = createExecutor({ plugins: reported.plugins, logger: run.logger });
  if (flags.jsonSchema) {
    io.stdout(`${JSON.stringify(executor.jsonSchema(), null, 2)}\n`);
    return EXIT_OK;
  }
  // Isolation runs this command again elsewhere: it must happen before stdin is consumed here.
  if (!flags.analyze) {
    const code = await isolate(executor.hooks, { argv: [...io.argv0, ...run.argv], env: io.env, root: settings.root });
    if (code !== undefined) return code;
  }
  const sources = await expandStdin(run.sources, flags.dotnotation);
  const result = await withInterrupts(run.logger, async (signal) => {
    const r = await executor.run({
      stages: [{ stage: flags.stage ?? 'default', sources }],
      root: settings.root,
      dotNotation: flags.dotnotation,
      analyze: flags.analyze,
      env: io.env,
      signal,
      ...(settings.concurrency !== undefined ? { concurrency: settings.concurrency } : {}),
    });
    return interruptedExitCode(signal) ?? r;
  });
  if (typeof result === 'number') return result;
  await reported.write(result);
  if (flags.analyze) {
    io.stdout(formatAnalysis(result));
    return EXIT_OK;
  }
  return result.ok ? EXIT_OK : EXIT_FAILURE;
}
