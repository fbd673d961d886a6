/**
 * Reading, writing and replacing one file of the target root through a path pinned by
 * `openInRoot`: what is read to be merged and what is written both stay inside the root even
 * when a directory on the way is swapped for a link meanwhile. On the host the same calls are
 * plain path operations. (`replaceFile` is the same for files that may be mount points.)
 */
import { constants } from 'node:fs';
import type { Stats } from 'node:fs';
import { open, readFile, stat } from 'node:fs/promises';
import { writeFileAtomic } from './atomic-write.js';
import type { AtomicWriteOptions } from './atomic-write.js';
import { withPathLock } from './path-lock.js';
import { insideRoot, resolveInRoot } from './root-path.js';
import { withinRoot } from './root-walk.js';
import type { DirectoryAttributes, RootPath } from './root-walk.js';

/** Parents a config file's directory gets when it is missing. */
export const PARENT_DIRECTORY: DirectoryAttributes = { mode: 0o755 };

/** Opens a file to read without following a link there and without blocking on a FIFO. */
const READ_FLAGS = constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK;

export interface FileInRoot {
  readonly text: string;
  readonly stats: Stats;
}

/** The file's text and attributes, or `undefined` when it (or a directory on the way) is missing. */
export async function readFileInRoot(root: string, path: string): Promise<FileInRoot | undefined> {
  try {
    return await withinRoot(root, path, {}, readPinned);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** Reads the final name of `target` (a regular file; a link there is ELOOP inside a root). */
export async function readPinned(target: RootPath): Promise<FileInRoot> {
  if (target.root === '/') return { text: await readFile(target.host, 'utf8'), stats: await stat(target.host) };
  const handle = await open(target.host, READ_FLAGS);
  try {
    const stats = await handle.stat();
    if (!stats.isFile()) throw Object.assign(new Error(`${target.inside} is not a regular file (EINVAL)`), { code: 'EINVAL' });
    return { text: await handle.readFile('utf8'), stats };
  } finally {
    await handle.close();
  }
}

/** Writes the file atomically, making missing parents with `parents`. */
export async function writeFileInRoot(
  root: string,
  path: string,
  data: string | Uint8Array,
  options: AtomicWriteOptions,
  parents: DirectoryAttributes = PARENT_DIRECTORY,
): Promise<void> {
  await withinRoot(root, path, { createParents: parents }, (target) => writeFileAtomic(target.host, data, options));
}

/**
 * Reads the file (`undefined` when missing), lets `merge` compute the new text, and writes it
 * atomically unless unchanged (`undefined` or the same text). One merge of a path at a time in
 * this process. Returns the path written, as seen inside the root after links were followed.
 */
export async function mergeFileInRoot(
  root: string,
  path: string,
  merge: (current: string | undefined) => string | undefined,
  options: AtomicWriteOptions = { mode: 0o644 },
  parents: DirectoryAttributes = PARENT_DIRECTORY,
): Promise<string> {
  const target = await resolveInRoot(root, path);
  await withPathLock(target, async () => {
    const current = (await readFileInRoot(root, path))?.text;
    const next = merge(current);
    if (next !== undefined && next !== current) await writeFileInRoot(root, path, next, options, parents);
  });
  return insideRoot(root, target);
}
