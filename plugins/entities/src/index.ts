/**
 * `ensure_entities` and `delete_entities`: one line of /etc/passwd, group, shadow or gshadow,
 * described as YAML. The account files themselves are read and written by `@yipts/system`.
 */
import { definePlugin, yipActions } from '@yipts/core';
import type { Plugin } from '@yipts/core';
import { deleteEntities, ensureEntities } from './actions.js';
import { planEntities } from './plan.js';

export const PLUGIN_NAME = 'entities';

export default function entitiesPlugin(): Plugin {
  return definePlugin({
    name: PLUGIN_NAME,
    actions: yipActions({
      ensure_entities: { run: ensureEntities, plan: (e, ctx) => planEntities(e, ctx, 'ensure') },
      delete_entities: { run: deleteEntities, plan: (e, ctx) => planEntities(e, ctx, 'delete') },
    }),
  });
}

export { entitiesPlugin };
