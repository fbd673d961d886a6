/**
 * The executor: plugins in, a runner of stages out. It owns the order of things (prepare, load,
 * plan, run, release) and calls the hooks at each point; everything that touches the system is
 * done by plugins.
 */
import { now } from './clock.js';
import { availableParallelism } from 'node:os';
import type { RunContext, RunOptions, RunResult, SourceInput, StageContext, StageRequest, StageResult, StepResult } from './context.js';
import type { Diagnostic } from './diagnostics.js';
import { toYiptsError, YiptsError } from './errors.js';
import { createHooks } from './hooks.js';
import type { Hooks } from './hooks.js';
import { annotateHooks } from './intercept.js';
import type { LoadedFile } from './load/loaded-file.js';
import { DEFAULT_FETCH_TIMEOUT_MS, loadSource, sourceName } from './load/sources.js';
import type { Logger } from './logger.js';
import { redactingLogger, silentLogger } from './logger.js';
import { withChanges } from './plan/collect.js';
import type { PlanOptions } from './plan/options.js';
import { planStage } from './plan/plan-stage.js';
import { withPositionsWhereNeeded } from './plan/precision.js';
import { unhandledKeyDiagnostics } from './plan/unhandled.js';
import type { Plugin } from './plugin.js';
import { compose } from './registry.js';
import type { Registry } from './registry.js';
import { runStep } from './run/run-step.js';
import { schedule } from './run/schedule.js';
import { configJsonSchema } from './schema/config-json-schema.js';
import type { JSONSchema } from './schema/json-schema.js';

export interface ExecutorOptions {
  readonly plugins: readonly Plugin[];
  readonly logger?: Logger;
  /** Default for RunRequest.concurrency. */
  readonly concurrency?: number;
  /** How long an http(s) config source may take to arrive. */
  readonly fetchTimeoutMs?: number;
}

export interface RunRequest {
  /** Stages to run one after another, each over its sources in order. */
  readonly stages: readonly StageRequest[];
  readonly root?: string;
  readonly dotNotation?: boolean;
  readonly analyze?: boolean;
  /** Plan mode: every step says what it would change (`StepResult.changes`); nothing is changed. */
  readonly plan?: PlanOptions;
  readonly concurrency?: number;
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly signal?: AbortSignal;
  readonly logger?: Logger;
}

export interface Executor {
  readonly hooks: Hooks;
  readonly plugins: readonly Plugin[];
  /** Which plugin handles each key. */
  readonly keys: ReadonlyMap<string, string>;
  run(request: RunRequest): Promise<RunResult>;
  /** Shorthand for one stage. */
  runStage(stage: string, sources: readonly SourceInput[], options?: Omit<RunRequest, 'stages'>): Promise<RunResult>;
  /** The JSON Schema of a config file for this composition of plugins. */
  jsonSchema(): JSONSchema;
}

/** Steps that may run at once by default: yip starts every ready step; this bounds it. */
export const DEFAULT_CONCURRENCY = Math.max(16, availableParallelism() * 4);

export function createExecutor(options: ExecutorOptions): Executor {
  const hooks = createHooks();
  annotateHooks(hooks);
  const registry = compose(options.plugins, hooks);
  const executor: Executor = {
    hooks,
    plugins: Object.freeze([...options.plugins]),
    keys: registry.owners,
    run: (request) => run(request, hooks, registry, options),
    runStage: (stage, sources, rest = {}) => executor.run({ ...rest, stages: [{ stage, sources }] }),
    jsonSchema: () => configJsonSchema(registry),
  };
  return Object.freeze(executor);
}

async function run(request: RunRequest, hooks: Hooks, registry: Registry, options: ExecutorOptions): Promise<RunResult> {
  const started = now();
  const logger = redactingLogger(request.logger ?? options.logger ?? silentLogger);
  const runOptions: RunOptions = Object.freeze({
    root: request.root ?? '/',
    dotNotation: request.dotNotation ?? false,
    analyze: request.analyze ?? false,
    concurrency: request.concurrency ?? options.concurrency ?? DEFAULT_CONCURRENCY,
    env: request.env ?? process.env,
    ...(request.plan ? { plan: request.plan } : {}),
  });
  const ctx: RunContext = { options: runOptions, logger, signal: request.signal ?? new AbortController().signal, state: new Map() };
  const stages: StageResult[] = [];
  const errors: YiptsError[] = [];
  let fatal = false;

  try {
    await hooks.beforeRun.promise(ctx);
  } catch (e) {
    fatal = true;
    const error = toYiptsError(e, { hook: 'beforeRun' });
    errors.push(error);
    logger.log('error', `cannot prepare the run: ${error.message}`, { plugin: error.plugin });
  }
  if (!fatal) {
    // An error in one stage or source (a hook that throws, a source that cannot be listed) is
    // recorded and the next one still runs, as yip does with its sources.
    const fail = (what: string, error: YiptsError) => {
      errors.push(error);
      logger.log('error', `${what}: ${error.message}`, { plugin: error.plugin });
    };
    const attempt = async (what: string, fn: () => Promise<void>) => {
      try {
        await fn();
      } catch (e) {
        fail(what, toYiptsError(e, {}));
      }
    };
    for (const req of request.stages) {
      if (ctx.signal.aborted) break;
      let sources: SourceInput[] = [];
      await attempt(`stage ${req.stage}`, async () => {
        sources = await hooks.resolveSources.promise([...req.sources], { run: ctx, stage: req.stage });
      });
      for (const source of sources) {
        if (ctx.signal.aborted) break;
        await attempt(`stage ${req.stage} from ${sourceName(source)}`, async () => {
          stages.push(
            await runStageSource(ctx, req.stage, source, hooks, registry, options, (e) =>
              fail(`stage ${req.stage} from ${sourceName(source)}`, e),
            ),
          );
        });
      }
    }
  }
  const result = (): RunResult => ({
    ok: !fatal && errors.length === 0 && stages.every(stageOk),
    fatal,
    stages,
    errors,
    durationMs: now() - started,
  });
  try {
    await hooks.afterRun.promise(ctx, result());
  } catch (e) {
    fatal = true;
    const error = toYiptsError(e, { hook: 'afterRun' });
    errors.push(error);
    logger.log('error', `cannot release the run: ${error.message}`, { plugin: error.plugin });
  }
  if (ctx.signal.aborted && !errors.some((e) => e.reason === 'interrupted')) errors.push(new YiptsError('interrupted'));
  return result();
}

function stageOk(stage: StageResult): boolean {
  return stage.steps.every((s) => s.status !== 'failed') && !stage.diagnostics.some((d) => d.severity === 'error');
}

async function runStageSource(
  run: RunContext,
  stage: string,
  source: SourceInput,
  hooks: Hooks,
  registry: Registry,
  options: ExecutorOptions,
  onError: (error: YiptsError) => void,
): Promise<StageResult> {
  const ctx: StageContext = { run, stage, source, sourceName: sourceName(source) };
  const diagnostics: Diagnostic[] = [];
  const report = (d: Diagnostic) => {
    diagnostics.push(d);
    run.logger.log(d.severity, d.message, { file: d.file, line: d.line, col: d.col, stepId: d.stepId, code: d.code });
  };
  await hooks.stageStart.promise(ctx);
  let files: LoadedFile[] = await loadSource(source, {
    dotNotation: run.options.dotNotation,
    fetchTimeoutMs: options.fetchTimeoutMs ?? DEFAULT_FETCH_TIMEOUT_MS,
    signal: run.signal,
    // Analysis is the lint mode: every file is parsed, precisely, and every problem reported.
    ...(run.options.analyze ? {} : { stage, fast: true }),
  });
  files = withPositionsWhereNeeded(files, stage, registry);
  await hooks.sourcesLoaded.promise(files, ctx);
  const transformed: LoadedFile[] = [];
  for (const file of files) transformed.push(await hooks.configLoaded.promise(file, ctx));
  files = transformed;
  for (const file of files) {
    // File-level findings that concern this stage: errors always, warnings when the file takes
    // part in the stage or has no stage at all, so that running `boot` is not noisy about `fs`.
    const relevant =
      !file.ok ||
      file.stages.has(stage) ||
      (file.stages.size === 0 && file.parsed !== false) ||
      file.diagnostics.some((d) => d.severity === 'error');
    if (relevant) for (const d of file.diagnostics) report(d);
  }
  const plan = planStage(files, stage, registry.stepSchema);
  for (const d of plan.diagnostics) report(d);
  for (const d of unhandledKeyDiagnostics(plan.steps, registry)) report(d);
  hooks.planned.call({ steps: plan.steps, layers: plan.layers }, ctx);

  let steps: StepResult[] = [];
  if (run.options.analyze) {
    for (const s of plan.steps) for (const p of s.problems) report(p);
  } else {
    if (plan.steps.length) run.logger.log('info', `running stage ${stage} from ${ctx.sourceName}: ${plan.steps.length} step(s)`);
    else run.logger.log('debug', `stage ${stage} from ${ctx.sourceName}: no step`);
    steps = await schedule(plan.steps, run.options.concurrency, (step) => runStep(step, ctx, hooks, registry));
    if (run.options.plan) steps = withChanges(run, plan.steps, steps);
  }
  const result: StageResult = { stage, source: ctx.sourceName, files: files.map((f) => f.file), steps, diagnostics, layers: plan.layers };
  try {
    await hooks.stageEnd.promise(ctx, result);
  } catch (e) {
    // The steps ran: their results stay, and the failing tap is an error of the run.
    onError(toYiptsError(e, { hook: 'stageEnd' }));
  }
  return result;
}
