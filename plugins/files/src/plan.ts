/**
 * Plan mode of `files` and `directories`: the content, mode and owner each entry would get,
 * compared with what is in the root now. Missing parents are listed as directories to create.
 */
import { directoryChange, fileChange, newDirectories } from '@yipts/core';
import type { ActionContext, Change, DirectorySpec, FileSpec } from '@yipts/core';
import { missingParents, readPathState } from '@yipts/system';
import { fileContent } from './content.js';
import { DEFAULT_DIRECTORY_MODE } from './directories.js';
import { DEFAULT_FILE_MODE } from './files.js';
import { ownershipOf } from './ownership.js';

export function planFiles(entries: readonly FileSpec[], ctx: ActionContext): Promise<Change[]> {
  return planEach(entries, ctx, 'file', async (entry, path, root) => {
    const mode = entry.permissions ?? DEFAULT_FILE_MODE;
    const content = await fileContent(entry, ctx);
    const owner = await ownershipOf(root, entry);
    return [
      ...newDirectories(await missingParents(root, path), { mode: mode | 0o100 }),
      ...fileChange(await readPathState(root, path), { path, content, mode, ...owner }),
    ];
  });
}

export function planDirectories(entries: readonly DirectorySpec[], ctx: ActionContext): Promise<Change[]> {
  return planEach(entries, ctx, 'directory', async (entry, path, root) => {
    const mode = entry.permissions ?? DEFAULT_DIRECTORY_MODE;
    const owner = await ownershipOf(root, entry);
    const parents = newDirectories(await missingParents(root, path), { mode, ...owner });
    const current = await readPathState(root, path);
    if (current.exists && !current.directory) throw new Error(`${path} exists and is not a directory`);
    return [...parents, ...directoryChange(path, current, { mode, ...owner })];
  });
}

/**
 * The changes of every entry, in order. An entry that cannot be planned (no path, content that
 * does not decode, an unknown owner…) is reported as `KIND PATH: why`, as a run reports it, and
 * the others are still planned.
 */
async function planEach<E extends { readonly path?: string }>(
  entries: readonly E[],
  ctx: ActionContext,
  kind: 'file' | 'directory',
  planOne: (entry: E, path: string, root: string) => Promise<readonly Change[]>,
): Promise<Change[]> {
  const root = ctx.run.options.root;
  const changes: Change[] = [];
  for (const entry of entries) {
    try {
      if (!entry.path) throw new Error(`a ${kind} entry has no \`path\``);
      changes.push(...(await planOne(entry, entry.path, root)));
    } catch (error) {
      ctx.report(new Error(`${kind} ${entry.path ?? '(no path)'}: ${(error as Error).message}`, { cause: error }));
    }
  }
  return changes;
}
