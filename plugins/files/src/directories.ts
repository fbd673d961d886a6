/**
 * `directories`: created with their mode and owner; missing parents get the same (as yip); an
 * existing directory is chmod-ed and chown-ed; an existing non-directory there is an error.
 * Inside a target root each path is pinned by its parent directory (`withinRoot`): parents are
 * made, and the directory made and changed, through directories of the root only.
 */
// Synchronous: a handful of syscalls per entry, cheaper than thread-pool round trips.
import { lstatSync, mkdirSync } from 'node:fs';
import type { ActionContext, DirectorySpec } from '@yipts/core';
import { setAttributes, withinRoot } from '@yipts/system';
import { ownershipOf } from './ownership.js';

export const DEFAULT_DIRECTORY_MODE = 0o755;

export async function ensureDirectories(entries: readonly DirectorySpec[], ctx: ActionContext): Promise<void> {
  const root = ctx.run.options.root;
  for (const entry of entries) {
    try {
      if (!entry.path) throw new Error('a directory entry has no `path`');
      const path = entry.path;
      const mode = entry.permissions ?? DEFAULT_DIRECTORY_MODE;
      const owner = await ownershipOf(root, entry);
      const attributes = { mode, ...(owner ? { uid: owner.uid, gid: owner.gid } : {}) };
      const shown = await withinRoot(root, path, { createParents: attributes }, (target) => {
        if (!existsAsDirectory(target.host, path)) {
          try {
            mkdirSync(target.host, { mode });
          } catch (error) {
            if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
          }
        }
        setAttributes(target.host, attributes);
        return target.inside;
      });
      ctx.logger.log('debug', `directory ${shown} ready (mode ${mode.toString(8)})`);
    } catch (error) {
      ctx.report(new Error(`directory ${entry.path ?? '(no path)'}: ${(error as Error).message}`, { cause: error }));
    }
  }
}

/** False when nothing is there; an error when something other than a directory is. */
function existsAsDirectory(host: string, path: string): boolean {
  try {
    if (lstatSync(host).isDirectory()) return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
  throw new Error(`${path} exists and is not a directory`);
}
