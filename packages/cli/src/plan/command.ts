/**
 * `yipts plan`: what a stage would change, as a diff, with nothing changed. The stage is run in
 * the engine's plan mode (conditionals and templates as in a real run, each action's `plan`
 * instead of its `run`). Exit status as `terraform plan -detailed-exitcode`: 0 nothing would
 * change, 2 something would, 1 an error (a step that could not be planned, a source that
 * failed), usage errors included.
 */
import { resolve } from 'node:path';
import { CompositionError } from '@yipts/core';
import type { RunResult, SourceInput, StageRequest } from '@yipts/core';
import type { ParsedArgs } from '../args.js';
import { flagValue, flagValues, hasFlag, helpText, parseArgs, UsageError } from '../args.js';
import { readCmdline } from '../cmdline.js';
import { ConfigError } from '../config/load-config.js';
import type { ExecutorConfig } from '../config/load-config.js';
import { useColour } from '../log-format.js';
import type { CliIO } from '../main.js';
import { expandStdin } from '../stdin.js';
import { planExecutor } from './executor.js';
import { PLAN_FLAGS, USAGE_PLAN } from './flags.js';
import { formatPlanJson } from './format-json.js';
import { formatPlanText } from './format-text.js';
import { configPathSources } from './config-paths.js';
import { wouldChange } from './summary.js';

export const EXIT_NO_CHANGES = 0;
export const EXIT_PLAN_ERROR = 1;
export const EXIT_CHANGES = 2;

/** `argv` starts after `plan`. */
export async function planCommand(argv: readonly string[], io: CliIO): Promise<number> {
  const runStage = argv[0] === 'run-stage';
  let args: ParsedArgs;
  try {
    args = parseArgs(runStage ? argv.slice(1) : argv, PLAN_FLAGS);
    if (hasFlag(args, 'help')) {
      io.stdout(helpText(USAGE_PLAN, PLAN_FLAGS));
      return EXIT_NO_CHANGES;
    }
    const format = flagValue(args, 'format') ?? 'text';
    if (format !== 'text' && format !== 'json') throw new UsageError(`--format is text or json, not \`${format}\``);
    if (runStage ? args.positionals.length !== 1 : args.positionals.length === 0)
      throw new UsageError(runStage ? 'plan run-stage takes exactly one STAGE' : 'no source given');
  } catch (error) {
    io.stderr(`yipts plan: ${(error as Error).message}\n${USAGE_PLAN}\n`);
    return EXIT_PLAN_ERROR;
  }
  try {
    const { executor, logger, config } = await planExecutor(args, io);
    const root = resolve(flagValue(args, 'root') ?? '/');
    // With a root, the mount plugin re-runs this command in a private mount namespace.
    const isolated = await executor.hooks.isolate.promise({ argv: [...io.argv0, 'plan', ...argv], env: io.env, root });
    if (isolated !== undefined) return isolated;
    const stages = runStage ? await runStageRequests(args, config, root, executor.hooks.resolveSources) : await sourceRequests(args);
    const result = await executor.run({
      stages,
      root,
      env: io.env,
      plan: { runConditions: hasFlag(args, 'run-conditions'), fetch: hasFlag(args, 'fetch') },
      ...(flagValue(args, 'concurrency') ? { concurrency: Number(flagValue(args, 'concurrency')) } : {}),
    });
    if (!result.ok) logger.log('error', 'the plan is incomplete: some steps could not be planned');
    io.stdout(flagValue(args, 'format') === 'json' ? formatPlanJson(result) : formatPlanText(result, useColour(process.stdout, io.env)));
    return exitCode(result);
  } catch (error) {
    const known = error instanceof ConfigError || error instanceof CompositionError || error instanceof UsageError;
    io.stderr(`yipts plan: ${known ? (error as Error).message : ((error as Error).stack ?? String(error))}\n`);
    return EXIT_PLAN_ERROR;
  }
}

export function exitCode(result: RunResult): number {
  if (!result.ok) return EXIT_PLAN_ERROR;
  return wouldChange(result) ? EXIT_CHANGES : EXIT_NO_CHANGES;
}

async function sourceRequests(args: ParsedArgs): Promise<StageRequest[]> {
  const sources = await expandStdin(args.positionals, false);
  return [{ stage: flagValue(args, 'stage') ?? 'default', sources }];
}

/** As `run-stage`: STAGE.before, STAGE, STAGE.after over the config paths, then the kernel command line's dot notation. */
async function runStageRequests(
  args: ParsedArgs,
  config: ExecutorConfig,
  root: string,
  hook: Parameters<typeof configPathSources>[3],
): Promise<StageRequest[]> {
  const stage = args.positionals[0]!;
  const cmdline = hasFlag(args, 'no-cmdline')
    ? { setupUris: [], dotNotation: '' }
    : await readCmdline(flagValue(args, 'cmdline') ?? '/proc/cmdline');
  const extra = [...(config.cloudInitPaths ?? []), ...flagValues(args, 'cloud-init-paths').flatMap((p) => p.split(','))].filter(Boolean);
  const sources: SourceInput[] = [...configPathSources(config, extra, root, hook), ...cmdline.setupUris];
  const trio = (s: SourceInput[]): StageRequest[] =>
    [`${stage}.before`, stage, `${stage}.after`].map((name) => ({ stage: name, sources: s }));
  const requests = trio(sources);
  if (cmdline.dotNotation)
    requests.push(...trio([{ kind: 'inline', name: 'kernel command line', text: cmdline.dotNotation, dotNotation: true }]));
  return requests;
}
