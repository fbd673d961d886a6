/** The objects the engine passes to hooks: one run, one stage of it, one step of that stage. */
import type { Diagnostic } from './diagnostics.js';
import type { YiptsError } from './errors.js';
import type { Logger } from './logger.js';
import type { MapNode, Position } from './node.js';
import type { Infer } from './schema/dsl.js';
import type { actionSchemas, YipActionKey } from './schema/yip.js';
import type { Change } from './plan/changes.js';
import type { PlanOptions } from './plan/options.js';

/** A config source: a path (file or directory), an http(s) URL, or text held in memory. */
export type SourceInput =
  | string
  | { readonly kind: 'inline'; readonly name: string; readonly text: string; readonly dotNotation?: boolean }
  | { readonly kind: 'object'; readonly name: string; readonly config: unknown };

export interface RunOptions {
  /** The target root: every path and command of the run is inside it. `/` is the host. */
  readonly root: string;
  /** Read every source as dot notation (`stages.boot[0].commands[0]=...`). */
  readonly dotNotation: boolean;
  /** Plan only: load, validate and order the steps, run nothing. */
  readonly analyze: boolean;
  /** How many ready steps may run at the same time. */
  readonly concurrency: number;
  /** Environment of the commands run by steps. */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Set in plan mode: actions say what they would change instead of doing it. */
  readonly plan?: PlanOptions;
}

/** One call of `executor.run`: prepared once, then its stages run one after another. */
export interface RunContext {
  readonly options: RunOptions;
  readonly logger: Logger;
  readonly signal: AbortSignal;
  /** Storage for plugins during the run; key it by something the plugin owns (a symbol). */
  readonly state: Map<unknown, unknown>;
}

export interface StageRequest {
  readonly stage: string;
  readonly sources: readonly SourceInput[];
}

export interface StageRequestContext {
  readonly run: RunContext;
  readonly stage: string;
}

/** One stage over one source (a source is its own dependency graph, as in yip). */
export interface StageContext {
  readonly run: RunContext;
  readonly stage: string;
  readonly source: SourceInput;
  /** Printable name of the source. */
  readonly sourceName: string;
}

export interface PlannedStep {
  /** Unique id within the stage: `<config name or file>.<step name or index>` (suffixed when taken). */
  readonly id: string;
  readonly name: string | undefined;
  /** Index of the step in its file's list for the stage. */
  readonly index: number;
  readonly file: string;
  readonly configName: string | undefined;
  readonly pos: Position;
  /** Ids this step waits for. Weak: a failed dependency does not stop it. */
  readonly after: readonly string[];
  /** The validated step: known keys only, typed by their schemas. */
  readonly spec: Readonly<Record<string, unknown>>;
  /** The step as written, for positions of its keys. */
  readonly node: MapNode;
  /** Errors found while planning (invalid fields, a cycle, an unknown `after`): the step will not run. */
  readonly problems: readonly Diagnostic[];
}

export interface StepContext {
  readonly run: RunContext;
  /** The name of the stage being run (`boot`, `after-install-chroot.after`…). */
  readonly stage: string;
  /** The stage over one source that this step belongs to (its source and printable name). */
  readonly stageContext: StageContext;
  readonly step: PlannedStep;
  readonly logger: Logger;
  readonly signal: AbortSignal;
  /** Renders a template against the run's data; plain text comes back unchanged. */
  render(text: string): string;
  /** Records an error for this step without stopping the action (e.g. one of several files). */
  report(error: unknown): void;
}

/** The value `perform` takes for a key: its schema's type for yip's keys, anything for others. */
export type PerformValue<K extends string> = K extends YipActionKey ? Infer<(typeof actionSchemas)[K]> : unknown;

export interface ActionContext extends StepContext {
  /** The key being run, e.g. `files`. */
  readonly key: string;
  /**
   * Runs the action of whichever plugin of this executor owns `key`, with `value`, for this step:
   * the value is checked by the key's schema, errors are the owner's (hook `action:<key>`), and a
   * key no plugin handles is a warning. Resolves to true when the owner ran it without an error;
   * never rejects (every failure is already recorded for the step).
   */
  perform<K extends string>(key: K, value: PerformValue<K>): Promise<boolean>;
}

export type StepStatus = 'ok' | 'failed' | 'skipped';

export interface StepResult {
  readonly id: string;
  readonly file: string;
  readonly status: StepStatus;
  /** Why the step was skipped, from the conditional that said so. */
  readonly skipReason?: string;
  readonly errors: readonly YiptsError[];
  readonly durationMs: number;
  /** In plan mode: what the step would change. */
  readonly changes?: readonly Change[];
}

export interface StageResult {
  readonly stage: string;
  readonly source: string;
  readonly files: readonly string[];
  readonly steps: readonly StepResult[];
  readonly diagnostics: readonly Diagnostic[];
  /** Dependency layers: steps of a layer wait only for steps of earlier layers. */
  readonly layers: readonly (readonly string[])[];
}

export interface RunResult {
  /** True when no step failed, no source failed to load and the root was prepared and released. */
  readonly ok: boolean;
  /** True when preparing or releasing the target root failed: that fails a run, strict or not. */
  readonly fatal: boolean;
  readonly stages: readonly StageResult[];
  /** Errors outside any step: preparing or releasing the root, a source that failed. */
  readonly errors: readonly YiptsError[];
  readonly durationMs: number;
}
