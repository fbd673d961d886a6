/**
 * `ensure_entities` and `delete_entities`: one line of /etc/passwd, group, shadow or gshadow,
 * described as YAML. The account-file pieces are exported for the users plugin, which edits
 * the same files under the same lock.
 */
import { ACTION_ORDER, defineAction, definePlugin, yipSchema } from '@yipts/core';
import type { Plugin } from '@yipts/core';
import { deleteEntities, ensureEntities } from './actions.js';
import { planEntities } from './plan.js';

export const PLUGIN_NAME = 'entities';

export type EntitiesOptions = Record<string, never>;

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
export { AccountTable, FIELD_COUNT, TABLE_PATH } from './account-table.js';
export type { TableKind } from './account-table.js';
export { describeFile, editTable, readTable } from './account-file.js';
export type { AccountFile, EditOptions } from './account-file.js';
export { withAccountLock } from './account-lock.js';
export { ensureEntity, deleteEntity } from './apply-entity.js';
export type { EntityTarget } from './apply-entity.js';
export { parseEntity, KIND_LAYOUT } from './entity.js';
export type { Entity, EntityKind } from './entity.js';
export { HUMAN_ID_MAX, HUMAN_ID_MIN, DYNAMIC_ID_MAX, DYNAMIC_ID_MIN, highestFreeId, lowestFreeId } from './ids.js';
export { daysSinceEpoch, isStoredAsWritten, lockedPassword, shadowPassword } from './shadow-password.js';
export { hashPassword, randomSalt, sha512Crypt, verifySha512 } from './sha512-crypt.js';
