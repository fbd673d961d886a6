/**
 * The `yip` command line: a composition of the preset plugins, driven by flags.
 *   yip [-s STAGE] [-a] [-d] SOURCE...           each source is its own run, in order
 *   yip run-stage [--strict] STAGE               STAGE.before, STAGE, STAGE.after over the config paths
 */
import { resolve } from 'node:path';
import type { Executor, Logger, RunResult, SourceInput, StageRequest } from '@yipts/core';
import { CompositionError, createExecutor, parseLogLevel } from '@yipts/core';
import { presetPlugins } from '@yipts/preset';
import type { PresetOptions } from '@yipts/preset';
import { resolveInRoot } from '@yipts/system';
import { access } from 'node:fs/promises';
import { formatAnalysis } from './analyze.js';
import type { ParsedArgs } from './args.js';
import { flagValue, flagValues, hasFlag, helpText, parseArgs, parseDuration, UsageError } from './args.js';
import { readCmdline } from './cmdline.js';
import { ConfigError, loadExecutorConfig } from './config/load-config.js';
import type { ExecutorConfig } from './config/load-config.js';
import { loadPlugins } from './config/load-plugins.js';
import { RUN_FLAGS, RUN_STAGE_FLAGS, USAGE_RUN, USAGE_RUN_STAGE } from './flags.js';
import { stderrLogger, useColour } from './log-format.js';
import { expandStdin } from './stdin.js';
import { VERSION } from './version.js';

/** Exit status of `run-stage --strict` when a step failed, as Elemental expects. */
export const EXIT_STRICT_FAILURE = 65;
export const EXIT_USAGE = 2;

export const DEFAULT_CONFIG_PATHS = ['/system/oem', '/oem', '/usr/local/cloud-config'];

export interface CliIO {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly env: Record<string, string | undefined>;
  readonly argv0: readonly string[];
}

const defaultIO: CliIO = {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  env: process.env,
  argv0: [process.execPath, ...process.execArgv, process.argv[1] ?? ''],
};

export async function main(argv: readonly string[], io: CliIO = defaultIO): Promise<number> {
  // Loaded on use: a boot-time run never pays for the plan command and its diff library.
  if (argv[0] === 'plan') return (await import('./plan/command.js')).planCommand(argv.slice(1), io);
  const runStage = argv[0] === 'run-stage';
  const specs = runStage ? RUN_STAGE_FLAGS : RUN_FLAGS;
  let args: ParsedArgs;
  try {
    args = parseArgs(runStage ? argv.slice(1) : argv, specs);
  } catch (error) {
    io.stderr(`yip: ${(error as Error).message}\n${runStage ? USAGE_RUN_STAGE : USAGE_RUN}\n`);
    return EXIT_USAGE;
  }
  if (hasFlag(args, 'help')) {
    io.stdout(helpText(runStage ? USAGE_RUN_STAGE : USAGE_RUN, specs));
    return 0;
  }
  if (hasFlag(args, 'version')) {
    io.stdout(`yipts version ${VERSION}\n`);
    return 0;
  }
  try {
    const config = await loadExecutorConfig({ file: flagValue(args, 'config'), cwd: process.cwd() });
    const logger = stderrLogger({
      level: parseLogLevel(io.env.LOGLEVEL),
      colour: useColour(process.stderr, io.env),
      write: io.stderr,
      format: (flagValue(args, 'log-format') ?? config.logFormat) === 'json' ? 'json' : 'text',
    });
    for (const warning of config.warnings ?? []) logger.log('warning', warning);
    const timeout = flagValue(args, 'command-timeout') ?? config.commandTimeout;
    // The mount plugin reads the OEM label override from the same kernel command line as run-stage.
    const cmdlineForMount = runStage ? (hasFlag(args, 'no-cmdline') ? { cmdline: false } : flagValue(args, 'cmdline') ? { cmdline: flagValue(args, 'cmdline') } : {}) : {};
    const mount = { ...cmdlineForMount, ...config.mount };
    const preset: PresetOptions = {
      ...(timeout ? { commandTimeoutMs: parseDuration(timeout) } : {}),
      mount,
      ...(config.pluginOptions ? { plugins: config.pluginOptions } : {}),
    };
    const disabled = new Set(config.disable ?? []);
    const plugins = [
      ...(config.preset === false ? [] : presetPlugins(preset).filter((p) => !disabled.has(p.name))),
      ...(await loadPlugins(config.plugins, config.filepath, process.cwd())),
    ];
    const executor = createExecutor({ plugins, logger, ...(config.concurrency ? { concurrency: config.concurrency } : {}) });
    const settings: Settings = { config };
    if (!runStage && hasFlag(args, 'json-schema')) {
      io.stdout(`${JSON.stringify(executor.jsonSchema(), null, 2)}\n`);
      return 0;
    }
    return runStage ? await runStageCommand(args, executor, logger, io, argv, settings) : await runCommand(args, executor, logger, io, argv);
  } catch (error) {
    if (error instanceof ConfigError || error instanceof CompositionError) {
      io.stderr(`yip: ${error.message}\n`);
      return 1;
    }
    if (error instanceof UsageError) {
      io.stderr(`yip: ${error.message}\n`);
      return EXIT_USAGE;
    }
    io.stderr(`yip: ${(error as Error).message}\n`);
    return 1;
  }
}

async function runCommand(args: ParsedArgs, executor: Executor, logger: Logger, io: CliIO, argv: readonly string[]): Promise<number> {
  if (args.positionals.length === 0) throw new UsageError(`no source given\n${USAGE_RUN}`);
  const dotNotation = hasFlag(args, 'dotnotation');
  const analyze = hasFlag(args, 'analyze');
  // Isolation re-runs this command elsewhere: it must happen before stdin is consumed here.
  const isolated = await isolate(executor, args, io, argv);
  if (isolated !== undefined) return isolated;
  const sources = await expandStdin(args.positionals, dotNotation);
  const stage = flagValue(args, 'stage') ?? 'default';
  const result = await execute(executor, args, logger, io, [{ stage, sources }], { dotNotation, analyze });
  if (typeof result === 'number') return result;
  if (analyze) {
    io.stdout(formatAnalysis(result));
    return 0;
  }
  return result.ok ? 0 : 1;
}

interface Settings {
  readonly config: ExecutorConfig;
}

async function runStageCommand(args: ParsedArgs, executor: Executor, logger: Logger, io: CliIO, argv: readonly string[], settings: Settings): Promise<number> {
  const { config } = settings;
  const [stage, ...rest] = args.positionals;
  if (!stage || rest.length) throw new UsageError(`run-stage takes exactly one STAGE\n${USAGE_RUN_STAGE}`);
  const isolated = await isolate(executor, args, io, argv);
  if (isolated !== undefined) return isolated;
  const root = resolve(flagValue(args, 'root') ?? '/');
  const cmdline = hasFlag(args, 'no-cmdline') ? { setupUris: [], dotNotation: '' } : await readCmdline(flagValue(args, 'cmdline') ?? '/proc/cmdline');
  const extra = [...(config.cloudInitPaths ?? []), ...flagValues(args, 'cloud-init-paths').flatMap((p) => p.split(','))].filter(Boolean);
  const paths = [...(config.configPaths ?? DEFAULT_CONFIG_PATHS), ...extra];
  const pathSources: SourceInput[] = [...paths, ...cmdline.setupUris];
  // Config paths are inside the target root; they are resolved when the stage runs, after
  // the root is prepared (its /oem may only be mounted then). Missing ones are skipped.
  executor.hooks.resolveSources.tapPromise('run-stage', async (sources) => {
    const out: SourceInput[] = [];
    for (const s of sources) {
      if (typeof s !== 'string' || /^https?:\/\//.test(s)) {
        out.push(s);
        continue;
      }
      const hostPath = await resolveInRoot(root, s);
      if (await exists(hostPath)) out.push(hostPath);
      else logger.log('debug', `config path ${s} does not exist; skipped`);
    }
    return out;
  });
  const trio = (sources: SourceInput[]): StageRequest[] => [`${stage}.before`, stage, `${stage}.after`].map((s) => ({ stage: s, sources }));
  const stages = [...trio(pathSources)];
  if (cmdline.dotNotation) stages.push(...trio([{ kind: 'inline', name: 'kernel command line', text: cmdline.dotNotation, dotNotation: true }]));
  const analyze = hasFlag(args, 'analyze');
  const result = await execute(executor, args, logger, io, stages, { dotNotation: false, analyze });
  if (typeof result === 'number') return result;
  if (analyze) {
    io.stdout(formatAnalysis(result));
    return 0;
  }
  if (result.fatal) return 1;
  if (!result.ok && (hasFlag(args, 'strict') || config.strict === true)) return EXIT_STRICT_FAILURE;
  if (!result.ok) logger.log('warning', 'some steps failed; exiting 0 (use --strict to fail)');
  return 0;
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * Offers plugins to run this whole command elsewhere (the mount plugin: a private mount
 * namespace for a target root); their exit status is then this command's.
 */
async function isolate(executor: Executor, args: ParsedArgs, io: CliIO, argv: readonly string[]): Promise<number | undefined> {
  const root = resolve(flagValue(args, 'root') ?? '/');
  return executor.hooks.isolate.promise({ argv: [...io.argv0, ...argv], env: io.env, root });
}

/** Runs the request, stopping it cleanly on SIGINT/SIGTERM. */
async function execute(
  executor: Executor,
  args: ParsedArgs,
  logger: Logger,
  io: CliIO,
  stages: StageRequest[],
  flags: { dotNotation: boolean; analyze: boolean },
): Promise<RunResult | number> {
  const root = resolve(flagValue(args, 'root') ?? '/');
  const concurrency = flagValue(args, 'concurrency');
  const controller = new AbortController();
  let signals = 0;
  const onSignal = (signal: NodeJS.Signals) => {
    signals++;
    logger.log('warning', `${signal} received: stopping the run and releasing the root`);
    controller.abort(new Error(signal));
    if (signals > 2) process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    const result = await executor.run({
      stages,
      root,
      dotNotation: flags.dotNotation,
      analyze: flags.analyze,
      env: io.env,
      signal: controller.signal,
      ...(concurrency ? { concurrency: Number(concurrency) } : {}),
    });
    if (controller.signal.aborted) return 128 + (String(controller.signal.reason?.message) === 'SIGINT' ? 2 : 15);
    return result;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
