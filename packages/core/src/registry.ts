/**
 * Composition: checks that the plugins fit together (unique names, no key claimed twice),
 * builds the step schema from the yip vocabulary plus the plugins' keys, and taps the plugins'
 * actions and conditionals onto the hooks in their declared order.
 */
import { YiptsError } from './errors.js';
import type { Hooks } from './hooks.js';
import { recordChanges } from './plan/collect.js';
import type { ActionDefinition, ConditionDefinition, Plugin } from './plugin.js';
import { object } from './schema/dsl.js';
import type { ObjectSchema, Schema, Shape } from './schema/dsl.js';
import { actionSchemas, conditionSchemas, isEngineKey, stepCoreSchemas } from './schema/yip.js';

export interface Registry {
  readonly stepSchema: ObjectSchema<Shape>;
  /** Keys with an action, with their order and the plugin that owns them. */
  readonly actions: ReadonlyMap<string, { readonly order: number; readonly plugin: string }>;
  readonly conditions: ReadonlyMap<string, { readonly order: number; readonly plugin: string }>;
  /** Every key some plugin handles (actions, conditionals, fields). */
  readonly owners: ReadonlyMap<string, string>;
}

/** Keys of a validated step that no plugin of this composition handles: warned about, never run. */
export function unhandledKeys(spec: Readonly<Record<string, unknown>>, registry: Registry): string[] {
  return Object.keys(spec).filter((k) => !isEngineKey(k) && !registry.owners.has(k));
}

/** Plugins that do not fit together: the executor is not created. */
export class CompositionError extends YiptsError {
  override name = 'CompositionError';
  constructor(reason: string) {
    super(reason, { code: 'composition' });
  }
}

export function compose(plugins: readonly Plugin[], hooks: Hooks): Registry {
  const names = new Set<string>();
  const owners = new Map<string, string>();
  const shape: Record<string, Schema<unknown>> = { ...conditionSchemas, ...actionSchemas };
  const actions = new Map<string, { order: number; plugin: string }>();
  const conditions = new Map<string, { order: number; plugin: string }>();

  const claim = (key: string, plugin: string, schema: Schema<unknown>) => {
    if (key in stepCoreSchemas) throw new CompositionError(`plugin "${plugin}" claims the key \`${key}\`, which belongs to the engine`);
    const owner = owners.get(key);
    if (owner) throw new CompositionError(`plugins "${owner}" and "${plugin}" both claim the key \`${key}\``);
    owners.set(key, plugin);
    shape[key] = schema;
  };

  for (const plugin of plugins) {
    if (!plugin || typeof plugin.name !== 'string' || plugin.name.length === 0) throw new CompositionError('a plugin has no name');
    if (names.has(plugin.name)) throw new CompositionError(`plugin "${plugin.name}" is given twice`);
    names.add(plugin.name);
    for (const [key, def] of Object.entries(plugin.actions ?? {})) {
      claim(key, plugin.name, def.schema);
      actions.set(key, { order: def.order, plugin: plugin.name });
      tapAction(hooks, plugin.name, key, def);
    }
    for (const [key, def] of Object.entries(plugin.conditions ?? {})) {
      claim(key, plugin.name, def.schema);
      conditions.set(key, { order: def.order, plugin: plugin.name });
      tapCondition(hooks, plugin.name, key, def);
    }
    for (const [key, schema] of Object.entries(plugin.fields ?? {})) claim(key, plugin.name, schema);
  }
  for (const plugin of plugins) plugin.apply?.(hooks);
  const full: Shape = { ...stepCoreSchemas, ...shape };
  return { stepSchema: object(full), actions, conditions, owners };
}

function tapAction(hooks: Hooks, plugin: string, key: string, def: ActionDefinition<unknown>): void {
  hooks.action.for(key).tapPromise({ name: plugin, stage: def.order }, async (ctx) => {
    // Plan mode: the same hook, so conditionals, templates and errors behave as in a real run.
    if (!ctx.run.options.plan) await def.run(ctx.step.spec[key], ctx);
    else if (def.plan) recordChanges(ctx, await def.plan(ctx.step.spec[key], ctx));
    else recordChanges(ctx, [{ kind: 'note', text: `would run \`${key}\`` }]);
  });
}

function tapCondition(hooks: Hooks, plugin: string, key: string, def: ConditionDefinition<unknown>): void {
  hooks.checkStep.tapPromise({ name: plugin, stage: def.order }, async (ctx) => {
    if (!(key in ctx.step.spec)) return undefined;
    return def.check(ctx.step.spec[key], ctx);
  });
}
