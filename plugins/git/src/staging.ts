/**
 * A private directory next to the destination, inside the target root: the clone is made there
 * and renamed into place only when complete (same filesystem, so the rename is atomic), and key
 * files live there while git needs them. Whatever happens, it is removed afterwards, and so are
 * the parent directories made for it when nothing ended up in them.
 */
import { mkdir, mkdtemp, rm, rmdir } from 'node:fs/promises';
import { posix } from 'node:path';

export interface Staging {
  /** The private directory (0700), on the host. */
  readonly dir: string;
  /** Removes the directory; `keepParents` once something was put into the parents for good. */
  dispose(keepParents: boolean): Promise<void>;
}

export const STAGING_MARK = '.yipts-git-';

export async function createStaging(destination: string): Promise<Staging> {
  const parent = posix.dirname(destination);
  const firstMade = await mkdir(parent, { recursive: true, mode: 0o755 });
  let dir: string;
  try {
    // Hidden, and named after the destination, so a leftover of a killed run is easy to place.
    dir = await mkdtemp(posix.join(parent, `.${posix.basename(destination)}${STAGING_MARK}`));
  } catch (error) {
    if (firstMade) await removeEmptyParents(parent, firstMade);
    throw error;
  }
  return {
    dir,
    async dispose(keepParents) {
      await rm(dir, { recursive: true, force: true });
      if (!keepParents && firstMade) await removeEmptyParents(parent, firstMade);
    },
  };
}

/** rmdir from `deepest` up to `top` (both included), stopping at the first one not empty. */
async function removeEmptyParents(deepest: string, top: string): Promise<void> {
  for (let dir = deepest; ; dir = posix.dirname(dir)) {
    try {
      await rmdir(dir);
    } catch {
      return;
    }
    if (dir === top || dir === '/') return;
  }
}
