/**
 * `ensure_entities` and `delete_entities`: one line of /etc/passwd, group, shadow or gshadow,
 * described as YAML. The account files themselves are read and written by `@yipts/system`.
 */
import { ACTION_ORDER, defineAction, definePlugin, s, yipSchema } from '@yipts/core';
import type { Plugin } from '@yipts/core';
import { deleteEntities, ensureEntities } from './actions.js';
import { planEntities } from './plan.js';

export const PLUGIN_NAME = 'entities';

export type EntitiesOptions = Record<string, never>;

/** It takes no options: any given is an error. */
export const OPTIONS_SCHEMA = s.object({});

export default function entitiesPlugin(_options: EntitiesOptions = {}): Plugin {
  return definePlugin({
    name: PLUGIN_NAME,
    actions: {
      ensure_entities: defineAction({
        schema: yipSchema.actionSchemas.ensure_entities,
        order: ACTION_ORDER.ENSURE_ENTITIES,
        run: ensureEntities,
        plan: (e, ctx) => planEntities(e, ctx, 'ensure'),
      }),
      delete_entities: defineAction({
        schema: yipSchema.actionSchemas.delete_entities,
        order: ACTION_ORDER.DELETE_ENTITIES,
        run: deleteEntities,
        plan: (e, ctx) => planEntities(e, ctx, 'delete'),
      }),
    },
  });
}

export { entitiesPlugin };
