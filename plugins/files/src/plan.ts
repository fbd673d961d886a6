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

export async function planFiles(entries: readonly FileSpec[], ctx: ActionContext): Promise<Change[]> {
  const root = ctx.run.options.root;
  const changes: Change[] = [];
  for (const entry of entries) {
    try {
      if (!entry.path) throw new Error('a file entry has no `path`');
      const mode = entry.permissions ?? DEFAULT_FILE_MODE;
      const content = await fileContent(entry, ctx);
      const owner = await ownershipOf(root, entry);
      changes.push(...newDirectories(await missingParents(root, entry.path), { mode: mode | 0o100 }));
      changes.push(...fileChange(await readPathState(root, entry.path), { path: entry.path, content, mode, ...owner }));
    } catch (error) {
      ctx.report(new Error(`file ${entry.path ?? '(no path)'}: ${(error as Error).message}`, { cause: error }));
    }
  }
  return changes;
}

export async function planDirectories(entries: readonly DirectorySpec[], ctx: ActionContext): Promise<Change[]> {
  const root = ctx.run.options.root;
  const changes: Change[] = [];
  for (const entry of entries) {
    try {
      if (!entry.path) throw new Error('a directory entry has no `path`');
      const mode = entry.permissions ?? DEFAULT_DIRECTORY_MODE;
      const owner = await ownershipOf(root, entry);
      changes.push(...newDirectories(await missingParents(root, entry.path), { mode, ...owner }));
      const current = await readPathState(root, entry.path);
      if (current.exists && !current.directory) throw new Error(`${entry.path} exists and is not a directory`);
      changes.push(...directoryChange(entry.path, current, { mode, ...owner }));
    } catch (error) {
      ctx.report(new Error(`directory ${entry.path ?? '(no path)'}: ${(error as Error).message}`, { cause: error }));
    }
  }
  return changes;
}
