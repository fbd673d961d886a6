/**
 * The plugin contract. A plugin package exports a factory (options in, plugin out), like
 * Rollup's `PluginImpl`. A plugin names itself, declares the step keys it handles with their
 * schema and their place in the fixed order, and may tap any hook.
 */
import type { ActionContext, StepContext } from './context.js';
import type { Hooks, SkipReason } from './hooks.js';
import type { Change } from './plan/changes.js';
import type { Schema } from './schema/dsl.js';

/** A step key that does work, e.g. `files`. `run` receives the value as its schema typed it. */
export interface ActionDefinition<T> {
  readonly schema: Schema<T>;
  /** Place in the fixed action order: an `ACTION_ORDER` constant, or one between two of them. */
  readonly order: number;
  readonly run: (value: NoInfer<T>, ctx: ActionContext) => void | Promise<void>;
  /** Plan mode: what `run` would change, without changing anything. Without it: "would run `key`". */
  readonly plan?: (value: NoInfer<T>, ctx: ActionContext) => readonly Change[] | Promise<readonly Change[]>;
}

/** A step key that decides whether the step runs, e.g. `if`. */
export interface ConditionDefinition<T> {
  readonly schema: Schema<T>;
  /** Place in the fixed order of conditionals: a `CONDITION_ORDER` constant or one between. */
  readonly order: number;
  /** Returns why the step must be skipped, or `undefined` to let it run. */
  readonly check: (value: NoInfer<T>, ctx: StepContext) => SkipReason | Promise<SkipReason>;
}

export interface Plugin {
  readonly name: string;
  // biome-ignore lint/suspicious/noExplicitAny: each key has its own value type; `unknown` would refuse typed handlers
  readonly actions?: { readonly [key: string]: ActionDefinition<any> };
  // biome-ignore lint/suspicious/noExplicitAny: as for actions
  readonly conditions?: { readonly [key: string]: ConditionDefinition<any> };
  /** Keys read by this plugin's actions that do nothing alone (e.g. `environment_file`). */
  // biome-ignore lint/suspicious/noExplicitAny: as for actions
  readonly fields?: { readonly [key: string]: Schema<any> };
  /** Taps hooks. Called once, when the executor is created. */
  readonly apply?: (hooks: Hooks) => void;
}

/** A plugin package's default export: options in, plugin out. */
export type PluginImpl<O = void> = (options?: O) => Plugin;

/** Ties a handler's value type to its schema, so the two cannot disagree. */
export function defineAction<T>(definition: ActionDefinition<T>): ActionDefinition<T> {
  return Object.freeze(definition);
}

export function defineCondition<T>(definition: ConditionDefinition<T>): ConditionDefinition<T> {
  return Object.freeze(definition);
}

/** Identity with a type check: a plugin must have a name. */
export function definePlugin<P extends Plugin>(plugin: P): P {
  return plugin;
}
