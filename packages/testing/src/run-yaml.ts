/**
 * Runs one config document through an executor made of the plugins under test, and hands back
 * everything a test asserts on: the result, the steps, the errors, the warnings, every log record
 * and the hook calls in order.
 */
import { createExecutor, YiptsError } from '@yipts/core';
import type { Diagnostic, Executor, Logger, Plugin, RunResult, SourceInput, StepResult } from '@yipts/core';
import { STANDARD_PATH } from '@yipts/system';
import { recordingLogger } from './logs.js';
import type { LogRecord } from './logs.js';
import { isHookRecorder, recordHooks } from './record-hooks.js';
import type { HookEvent } from './record-hooks.js';
import { tempRoot } from './temp-root.js';

export interface RunYamlOptions {
  readonly plugins: readonly Plugin[];
  /** The stage to run; `default`, as yip's. */
  readonly stage?: string;
  /**
   * The target root. When missing, an empty temporary root is made for the run and removed
   * after it: a test never writes to the machine it runs on by forgetting this.
   */
  readonly root?: string;
  /** The environment of commands; default: only `PATH`. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** The name of the config source, as in step ids and messages; default `test.yaml`. */
  readonly file?: string;
  readonly concurrency?: number;
  readonly analyze?: boolean;
  readonly signal?: AbortSignal;
  /** Also receives every log record (e.g. to print them while debugging a test). */
  readonly logger?: Logger;
}

export interface YamlRun {
  readonly executor: Executor;
  /** The target root the run used (already removed when runYaml made it). */
  readonly root: string;
  readonly result: RunResult;
  /** Every step of the run, in the order they finished. */
  readonly steps: readonly StepResult[];
  /** Every error: the steps', the run's, and files that could not be loaded. */
  readonly errors: readonly YiptsError[];
  /** Log records at level `warning` (unknown keys, keys no plugin handles, plugins' warnings). */
  readonly warnings: readonly LogRecord[];
  readonly logs: readonly LogRecord[];
  /** Hook calls in order (see recordHooks). */
  readonly events: readonly HookEvent[];
  readonly diagnostics: readonly Diagnostic[];
}

/** A config as YAML text, or as the object the YAML would give. */
export type ConfigDocument = string | Readonly<Record<string, unknown>>;

export async function runYaml(config: ConfigDocument, options: RunYamlOptions): Promise<YamlRun> {
  const name = options.file ?? 'test.yaml';
  const source: SourceInput = typeof config === 'string' ? { kind: 'inline', name, text: config } : { kind: 'object', name, config };
  // A recorder given among the plugins is the one to read; otherwise one is added.
  const given = options.plugins.find(isHookRecorder);
  const recorder = given ?? recordHooks();
  const logger = recordingLogger(options.logger);
  const executor = createExecutor({ plugins: given ? options.plugins : [...options.plugins, recorder], logger });
  const start = recorder.events.length;

  const temporary = options.root === undefined ? await tempRoot() : undefined;
  const root = options.root ?? temporary!.path;
  let result: RunResult;
  try {
    result = await executor.runStage(options.stage ?? 'default', [source], {
      root,
      env: options.env ?? { PATH: STANDARD_PATH },
      ...(options.concurrency !== undefined ? { concurrency: options.concurrency } : {}),
      ...(options.analyze !== undefined ? { analyze: options.analyze } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
    });
  } finally {
    await temporary?.cleanup();
  }
  const steps = result.stages.flatMap((s) => s.steps);
  const diagnostics = result.stages.flatMap((s) => s.diagnostics);
  const fileErrors = diagnostics
    .filter((d) => d.severity === 'error' && d.stepId === undefined)
    .map((d) => new YiptsError(d.message, { file: d.file, line: d.line, col: d.col }));
  return {
    executor,
    root,
    result,
    steps,
    errors: [...steps.flatMap((s) => s.errors), ...result.errors, ...fileErrors],
    warnings: logger.records.filter((r) => r.level === 'warning'),
    logs: logger.records,
    events: recorder.events.slice(start),
    diagnostics,
  };
}

export interface StepRun extends YamlRun {
  /** The result of the one step. */
  readonly step: StepResult;
}

/**
 * Runs one step, given as the object its YAML would give (`{ files: [{ path, content }] }`), in
 * a config named `test` (so its id is `test.<name>`, or `test.0` without a name).
 */
export async function runStep(step: Readonly<Record<string, unknown>>, options: RunYamlOptions): Promise<StepRun> {
  const stage = options.stage ?? 'default';
  const run = await runYaml({ name: 'test', stages: { [stage]: [step] } }, { ...options, stage });
  const only = run.steps[0];
  if (!only || run.steps.length !== 1) {
    throw new Error(
      `runStep: expected one step result, got ${run.steps.length}: ${run.errors.map((e) => e.message).join('; ') || 'no error'}`,
    );
  }
  return { ...run, step: only };
}
