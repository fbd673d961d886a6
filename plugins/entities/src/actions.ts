/** The two step keys: each entry is rendered, parsed and applied on its own; one bad entry never stops the next. */
import type { ActionContext, EntitySpec } from '@yipts/core';
import { withAccountLock } from '@yipts/system';
import { deleteEntity, ensureEntity } from './apply-entity.js';
import { parseEntity } from './entity.js';
import type { Entity } from './entity.js';

type Apply = (entity: Entity, target: { root: string; path?: string; env: ActionContext['run']['options']['env'] }) => Promise<boolean>;

function label(entity: Entity): string {
  return `${entity.kind} \`${entity.name}\``;
}

async function eachEntity(
  entries: readonly EntitySpec[],
  ctx: ActionContext,
  apply: Apply,
  done: (entity: Entity, changed: boolean) => string,
): Promise<void> {
  const { root, env } = ctx.run.options;
  for (const [index, entry] of entries.entries()) {
    const where = `${ctx.key}[${index}]${entry.path ? ` (${entry.path})` : ''}`;
    try {
      const entity = parseEntity(ctx.render(entry.entity ?? ''));
      if (entity.unknown.length)
        ctx.logger.log(
          'warning',
          `${where}: ${entity.kind} entity has no field ${entity.unknown.map((k) => `\`${k}\``).join(', ')}; ignored`,
        );
      const changed = await withAccountLock(root, () => apply(entity, { root, path: entry.path, env }));
      ctx.logger.log(changed ? 'info' : 'debug', `${where}: ${done(entity, changed)}`);
    } catch (error) {
      ctx.report(new Error(`${where}: ${(error as Error).message}`, { cause: error }));
    }
  }
}

export async function ensureEntities(entries: readonly EntitySpec[], ctx: ActionContext): Promise<void> {
  await eachEntity(entries, ctx, ensureEntity, (e, changed) => (changed ? `${label(e)} written` : `${label(e)} already as wanted`));
}

export async function deleteEntities(entries: readonly EntitySpec[], ctx: ActionContext): Promise<void> {
  await eachEntity(entries, ctx, deleteEntity, (e, changed) =>
    changed ? `${label(e)} removed` : `${label(e)} not there, nothing to remove`,
  );
}
