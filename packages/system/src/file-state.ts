/**
 * What is at a path of the target root now: content, mode and owner. Plan mode compares it with
 * what a step would write; nothing is created or changed to find out.
 */
import { readFile, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { resolveInRoot } from './root-path.js';

export interface PathState {
  readonly exists: boolean;
  readonly directory?: boolean;
  /** File content; absent for directories and unreadable files. */
  readonly content?: Buffer;
  readonly mode?: number;
  readonly uid?: number;
  readonly gid?: number;
}

export async function readPathState(root: string, path: string): Promise<PathState> {
  let target: string;
  try {
    target = await resolveInRoot(root, path);
  } catch {
    return { exists: false };
  }
  try {
    const info = await stat(target);
    const base = { exists: true, directory: info.isDirectory(), mode: info.mode & 0o7777, uid: info.uid, gid: info.gid };
    if (!info.isFile()) return base;
    return { ...base, content: await readFile(target) };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { exists: false };
    throw error;
  }
}

/** The file's text, or `undefined` when it does not exist. */
export async function readTextInRoot(root: string, path: string): Promise<string | undefined> {
  const state = await readPathState(root, path);
  return state.content?.toString('utf8');
}

/** The parents of `path` that do not exist in the root, outermost first: what writing it would create. */
export async function missingParents(root: string, path: string): Promise<string[]> {
  const missing: string[] = [];
  for (let dir = dirname(path); dir !== dirname(dir); dir = dirname(dir)) {
    if ((await readPathState(root, dir)).exists) break;
    missing.unshift(dir);
  }
  return missing;
}
