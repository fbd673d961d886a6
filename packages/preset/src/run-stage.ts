/**
 * `run-stage` as a library: what Elemental, Kairos or a tool of their kind does around install,
 * upgrade and reset. Runs STAGE.before, STAGE and STAGE.after over the config paths (inside the
 * target root), the extra cloud-init paths and the `cos.setup=` URIs of the kernel command line;
 * then the same three stages from the kernel command line's `stages.…=…` dot notation.
 */
import { resolve } from 'node:path';
import { createExecutor } from '@yipts/core';
import type { Logger, PlanOptions, Plugin, RunResult, SourceInput, StageRequest } from '@yipts/core';
import { isolate } from '@yipts/isolation';
import { DEFAULT_CONFIG_PATHS, resolveConfigPathsInRoot } from './config-paths.js';
import { interruptedExitCode, runStageExitCode } from './exit-codes.js';
import { readKernelConfig } from './kernel-config.js';
import type { PresetOptions } from './options.js';
import { presetPlugins } from './plugins.js';

export interface RunStageOptions {
  readonly stage: string;
  /** The target root; default `/`, the host. */
  readonly root?: string;
  /** Config paths inside the root; default /system/oem, /oem, /usr/local/cloud-config. */
  readonly configPaths?: readonly string[];
  /** More config paths, read after the others. */
  readonly cloudInitPaths?: readonly string[];
  /** The kernel command line file; default /proc/cmdline; `false`: none is read. */
  readonly cmdline?: string | false;
  /** A failed step makes the exit code 65 (it is 0 otherwise). */
  readonly strict?: boolean;
  /** The plugins; default the preset, made with `preset`. */
  readonly plugins?: readonly Plugin[];
  /** Options of the preset, when `plugins` is not given. */
  readonly preset?: PresetOptions;
  readonly logger?: Logger;
  /** Plan and report only; nothing runs, nothing is mounted. */
  readonly analyze?: boolean;
  readonly concurrency?: number;
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly signal?: AbortSignal;
  /**
   * The command line that runs this same run-stage again. Given, a plugin may run the work
   * there instead (the mount plugin: in a private mount namespace), and its exit code is returned.
   */
  readonly rerun?: readonly string[];
  /** Plan mode: every action says what it would change instead of doing it (see `yip plan`). */
  readonly plan?: PlanOptions;
}

export interface RunStageOutcome {
  /** `undefined` when the work ran in another process (`rerun`). */
  readonly result: RunResult | undefined;
  /** 0; 65 when `strict` and a step failed; 1 when the root could not be prepared or released; 130/143 when interrupted. */
  readonly exitCode: number;
}

export async function runStage(options: RunStageOptions): Promise<RunStageOutcome> {
  const root = resolve(options.root ?? '/');
  const env = options.env ?? process.env;
  const cmdline = options.cmdline !== undefined ? { cmdline: options.cmdline } : {};
  const plugins = options.plugins ?? presetPlugins({ ...options.preset, ...cmdline });
  const executor = createExecutor({ plugins, ...(options.logger ? { logger: options.logger } : {}) });
  if (options.rerun && !options.analyze) {
    const code = await isolate(executor.hooks, { argv: options.rerun, env, root });
    if (code !== undefined) return { result: undefined, exitCode: code };
  }
  resolveConfigPathsInRoot(executor, 'run-stage');
  const kernel = await readKernelConfig(options.cmdline);
  const paths: SourceInput[] = [...(options.configPaths ?? DEFAULT_CONFIG_PATHS), ...(options.cloudInitPaths ?? []), ...kernel.setupUris];
  const names = [`${options.stage}.before`, options.stage, `${options.stage}.after`];
  const trio = (sources: SourceInput[]): StageRequest[] => names.map((stage) => ({ stage, sources }));
  const stages = trio(paths);
  if (kernel.dotNotation) {
    stages.push(...trio([{ kind: 'inline', name: 'kernel command line', text: kernel.dotNotation, dotNotation: true }]));
  }
  const signal = options.signal ?? new AbortController().signal;
  const result = await executor.run({
    stages,
    root,
    env,
    signal,
    analyze: options.analyze ?? false,
    ...(options.plan ? { plan: options.plan } : {}),
    ...(options.concurrency !== undefined ? { concurrency: options.concurrency } : {}),
  });
  const exitCode = interruptedExitCode(signal) ?? (options.analyze ? 0 : runStageExitCode(result, options.strict ?? false));
  if (!result.ok && exitCode === 0 && !options.analyze)
    options.logger?.log('warning', 'some steps failed; exiting 0 (use --strict to fail)');
  return { result, exitCode };
}
