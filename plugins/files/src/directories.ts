/**
 * `directories`: created with their mode and owner; missing parents get the same (as yip); an
 * existing directory is chmod-ed and chown-ed; an existing non-directory there is an error.
 */
// Synchronous: a handful of syscalls per entry, cheaper than thread-pool round trips.
import { chmodSync, chownSync, lstatSync, mkdirSync } from 'node:fs';
import { chmod, chown, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { ActionContext, DirectorySpec } from '@yipts/core';
import { insideRoot, resolveInRoot } from '@yipts/system';
import { ownershipOf } from './ownership.js';

export const DEFAULT_DIRECTORY_MODE = 0o755;

export async function ensureDirectories(entries: readonly DirectorySpec[], ctx: ActionContext): Promise<void> {
  const root = ctx.run.options.root;
  for (const entry of entries) {
    try {
      if (!entry.path) throw new Error('a directory entry has no `path`');
      const mode = entry.permissions ?? DEFAULT_DIRECTORY_MODE;
      const owner = await ownershipOf(root, entry);
      const target = await resolveInRoot(root, entry.path);
      const created = await makeDirectory(root, target, mode, owner);
      if (!created.includes(target)) {
        const info = await stat(target);
        if (!info.isDirectory()) throw new Error(`${entry.path} exists and is not a directory`);
      }
      await chmod(target, mode);
      if (owner) await chown(target, owner.uid, owner.gid);
      ctx.logger.log('debug', `directory ${insideRoot(root, target)} ready (mode ${mode.toString(8)})`);
    } catch (error) {
      ctx.report(new Error(`directory ${entry.path ?? '(no path)'}: ${(error as Error).message}`, { cause: error }));
    }
  }
}

/**
 * Creates `target` and its missing parents, each resolved inside the root, with `mode` and
 * `owner`. Returns the directories it created, outermost first.
 */
export async function makeDirectory(root: string, target: string, mode: number, owner?: { uid: number; gid: number }): Promise<string[]> {
  if (existsNow(target)) return [];
  const missing: string[] = [];
  let current = target;
  while (!existsNow(current)) {
    missing.unshift(current);
    const parent = dirname(current);
    if (parent === current) break;
    current = parent;
  }
  for (const dir of missing) {
    // Re-resolve each level: the parent might be a link made by an earlier entry.
    const safe = await resolveInRoot(root, insideRoot(root, dir));
    try {
      mkdirSync(safe, { mode });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    chmodSync(safe, mode);
    if (owner) chownSync(safe, owner.uid, owner.gid);
  }
  return missing;
}

function existsNow(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}
