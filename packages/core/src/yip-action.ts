/**
 * Actions for the keys of yip's vocabulary. A built-in key's schema and its place in the order
 * are yip's, not the plugin's to choose: `yipAction('hostname', { run })` takes both from the
 * tables (`yipSchema.actionSchemas`, `ACTION_ORDER`), so a plugin writes only its handlers;
 * `yipActions({ hostname: { run } })` does the same for every key of a plugin at once.
 */
import { ACTION_ORDER } from './order.js';
import type { ActionDefinition } from './plugin.js';
import { defineAction } from './plugin.js';
import type { Infer, Schema } from './schema/dsl.js';
import { object } from './schema/dsl.js';
import { actionSchemas } from './schema/yip.js';

/** yip's action keys that run (`environment_file` only modifies `environment`). */
export type YipOrderedKey = Extract<keyof typeof actionSchemas, Lowercase<keyof typeof ACTION_ORDER>>;

/** The value of yip key `K`, as its schema types it. */
export type YipValue<K extends YipOrderedKey> = Infer<(typeof actionSchemas)[K]>;

/** What a plugin gives for a yip key: its handlers, typed by the key's schema. */
export type YipActionHandlers<K extends YipOrderedKey> = Omit<ActionDefinition<YipValue<K>>, 'schema' | 'order'>;

/** The action of yip key `key`, with yip's schema and order for it. */
export function yipAction<K extends YipOrderedKey>(key: K, handlers: YipActionHandlers<K>): ActionDefinition<YipValue<K>> {
  const schema = actionSchemas[key] as Schema<YipValue<K>>;
  return defineAction({ ...handlers, schema, order: ACTION_ORDER[key.toUpperCase() as Uppercase<K>] });
}

/** The actions of yip keys `K`, by key: what `yipAction` makes for each. */
export type YipActions<K extends YipOrderedKey> = { readonly [P in K]: ActionDefinition<YipValue<P>> };

/**
 * The actions map of a plugin that owns some of yip's keys: `yipAction(key, handlers)` for each
 * key given. Each key's handlers are typed by that key's schema; a key yip has not does not compile.
 */
export function yipActions<K extends YipOrderedKey>(handlers: { readonly [P in K]: YipActionHandlers<P> }): YipActions<K> {
  const entries = Object.entries<YipActionHandlers<K>>(handlers).map(([key, own]) => [key, yipAction(key as K, own)]);
  return Object.freeze(Object.fromEntries(entries)) as YipActions<K>;
}

/**
 * The options schema of a plugin that takes none: any option is an error. The preset checks the
 * options of its plugins that export no `OPTIONS_SCHEMA` against it.
 */
export const NO_OPTIONS = object({});
