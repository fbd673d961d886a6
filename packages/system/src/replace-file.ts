/**
 * Replacing a file that may be a mount point. Container runtimes bind-mount /etc/resolv.conf,
 * /etc/hosts and /etc/hostname, and a chroot stage may have the host's resolver bound over the
 * image's file: a rename onto a mount point fails (EBUSY). On the host the mounted file is the
 * system's own and is rewritten in place, as yip does; inside a target root it belongs to
 * whoever mounted it, so it is left alone with an error that says so.
 */
import { writeFile } from 'node:fs/promises';
import { writeFileAtomic } from './atomic-write.js';
import type { AtomicWriteOptions } from './atomic-write.js';
import { isHostRoot } from './root-path.js';

/** `target` is the host path of the file (already resolved inside `root`). */
export async function replaceFile(root: string, target: string, data: string, options: AtomicWriteOptions): Promise<void> {
  try {
    await writeFileAtomic(target, data, options);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EBUSY') throw error;
    if (!isHostRoot(root)) throw new Error('it is a mount point inside the target root (bound from outside it) and is not replaced', { cause: error });
    await writeFile(target, data);
  }
}
