/**
 * `yip validate SOURCE...`: the lint a CI job can fail on. Every file of every source is read
 * precisely (analyze mode: nothing runs, nothing is mounted, nothing is fetched) and every stage
 * the files name is checked with the plugins in use, not only the stage a run would pick.
 */
import { createExecutor, isUrl, silentLogger } from '@yipts/core';
import type { Executor, LoadedFile, Plugin, SourceInput } from '@yipts/core';
import { EXIT_FAILURE, EXIT_OK } from '@yipts/preset';
import type { FlagValues } from '../flag-table.js';
import type { CliIO } from '../io.js';
import { expandStdin } from '../stdin.js';
import type { Finding } from './findings.js';
import { findingsOf, firstOfEach, sortFindings } from './findings.js';
import { formatFindings } from './format.js';

export interface ValidateRun {
  readonly flags: FlagValues;
  readonly plugins: readonly Plugin[];
}

// A file with no stage of its own (or one that did not parse) still gets its findings from this one.
const FIRST_STAGE = 'default';

export async function validateCommand(run: ValidateRun, positionals: readonly string[], io: CliIO): Promise<number> {
  const findings: Finding[] = positionals.filter(isUrl).map((url) => ({
    file: url,
    line: undefined,
    col: undefined,
    severity: 'error',
    code: 'source',
    message: 'validate reads local files only; download the file and validate it',
  }));
  const sources = await expandStdin(
    positionals.filter((s) => !isUrl(s)),
    false,
  );
  if (sources.length > 0) findings.push(...(await checkSources(run.plugins, sources)));
  const sorted = sortFindings(findings);
  const strict = run.flags.strict;
  io.stdout(formatFindings(sorted, run.flags.format ?? 'text', strict));
  const errors = sorted.filter((f) => f.severity === 'error').length;
  const warnings = sorted.length - errors;
  io.stderr(`yip validate: ${errors} error(s), ${warnings} warning(s)${strict && warnings ? ' (--strict: warnings are errors)' : ''}\n`);
  return errors > 0 || (strict && warnings > 0) ? EXIT_FAILURE : EXIT_OK;
}

/**
 * One analysis per stage, as `yip -a -s STAGE` would make it (a run keeps step ids unique across
 * its stages, which would report steps of different stages as duplicates). The first also learns
 * which stages the files name.
 */
async function checkSources(plugins: readonly Plugin[], sources: readonly SourceInput[]): Promise<Finding[]> {
  const executor = createExecutor({ plugins, logger: silentLogger });
  const named = new Set<string>();
  // Tapped last, so the files are seen as the plugins transformed them.
  executor.hooks.configLoaded.tap('validate', (file: LoadedFile) => {
    for (const stage of file.stages.keys()) named.add(stage);
    return file;
  });
  const findings = await analyze(executor, FIRST_STAGE, sources);
  for (const stage of named) if (stage !== FIRST_STAGE) findings.push(...(await analyze(executor, stage, sources)));
  return findings.filter(firstOfEach());
}

async function analyze(executor: Executor, stage: string, sources: readonly SourceInput[]): Promise<Finding[]> {
  const result = await executor.run({ stages: [{ stage, sources }], analyze: true });
  return findingsOf(result, sources.map((s) => (typeof s === 'string' ? s : s.name)).join(', '));
}
