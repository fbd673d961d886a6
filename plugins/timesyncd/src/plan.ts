/** Plan mode of `timesyncd`: the drop-in file as it would be written. */
import { fileChange, newDirectories } from '@yipts/core';
import type { ActionContext, Change } from '@yipts/core';
import { missingParents, readPathState } from '@yipts/system';
import { checkEntry, setSectionKeys } from './ini.js';

export async function planTimesyncd(values: Readonly<Record<string, string>>, ctx: ActionContext, path: string): Promise<Change[]> {
  const settings = Object.entries(values).filter(([key, value]) => {
    try {
      checkEntry(key, value);
      return true;
    } catch (error) {
      ctx.report(new Error(`timesyncd: ${(error as Error).message}`, { cause: error }));
      return false;
    }
  });
  if (settings.length === 0) return [];
  const root = ctx.run.options.root;
  const current = await readPathState(root, path);
  const content = setSectionKeys(current.content?.toString('utf8') ?? '', 'Time', settings);
  return [...newDirectories(await missingParents(root, path), { mode: 0o755 }), ...fileChange(current, { path, content, mode: 0o644 })];
}
