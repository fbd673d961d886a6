/**
 * `ensure_entities` and `delete_entities`: one line of /etc/passwd, group, shadow or gshadow,
 * described as YAML. The account files themselves are read and written by `@yipts/system`.
 */
import { definePlugin, NO_OPTIONS, yipAction } from '@yipts/core';
import type { NoOptions, Plugin } from '@yipts/core';
import { deleteEntities, ensureEntities } from './actions.js';
import { planEntities } from './plan.js';

export const PLUGIN_NAME = 'entities';

export type EntitiesOptions = NoOptions;

export const OPTIONS_SCHEMA = NO_OPTIONS;

export default function entitiesPlugin(_options: EntitiesOptions = {}): Plugin {
  return definePlugin({
    name: PLUGIN_NAME,
    actions: {
      ensure_entities: yipAction('ensure_entities', {
        run: ensureEntities,
        plan: (e, ctx) => planEntities(e, ctx, 'ensure'),
      }),
      delete_entities: yipAction('delete_entities', {
        run: deleteEntities,
        plan: (e, ctx) => planEntities(e, ctx, 'delete'),
      }),
    },
  });
}

export { entitiesPlugin };
