/** Plan mode of `unpack_images`: the image that would be pulled and where its layers would be unpacked; nothing is fetched. */
import type { ActionContext, Change } from '@yipts/core';
import { formatReference, parseReference } from './reference.js';

export interface PlannedUnpack {
  readonly source?: string | undefined;
  readonly target?: string | undefined;
  readonly platform?: string | undefined;
}

export function planUnpackImages(entries: readonly PlannedUnpack[], ctx: ActionContext): Change[] {
  const changes: Change[] = [];
  for (const entry of entries) {
    if (!entry.source || !entry.target) continue;
    try {
      const ref = parseReference(entry.source);
      changes.push({ kind: 'fetch', url: formatReference(ref), target: entry.target });
      changes.push({
        kind: 'note',
        text: `the image's layers would be unpacked into ${entry.target}${entry.platform ? ` (platform ${entry.platform})` : ''}`,
      });
    } catch (error) {
      ctx.report(new Error(`unpack image ${entry.source} into ${entry.target}: ${(error as Error).message}`, { cause: error }));
    }
  }
  return changes;
}
