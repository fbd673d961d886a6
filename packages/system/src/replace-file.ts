/**
 * Replacing a file that may be a mount point. Container runtimes bind-mount /etc/resolv.conf,
 * /etc/hosts and /etc/hostname, and a chroot stage may have the host's resolver bound over the
 * image's file: a rename onto a mount point fails (EBUSY), so the mounted file is rewritten in
 * place, as yip does. Inside a chroot stage the mounted resolver file is a private copy that the
 * mount plugin writes back to the image's own file when it releases the root, so a `dns` step
 * there still ends up in the image.
 */
import { writeFile } from 'node:fs/promises';
import { writeFileAtomic } from './atomic-write.js';
import type { AtomicWriteOptions } from './atomic-write.js';

/** `target` is the host path of the file (already resolved inside `root`). */
export async function replaceFile(_root: string, target: string, data: string, options: AtomicWriteOptions): Promise<void> {
  try {
    await writeFileAtomic(target, data, options);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EBUSY') throw error;
    await writeFile(target, data);
  }
}
