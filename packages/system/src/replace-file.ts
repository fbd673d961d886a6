/**
 * Replacing a file that may be a mount point. Container runtimes bind-mount /etc/resolv.conf,
 * /etc/hosts and /etc/hostname, and a chroot stage may have the host's resolver bound over the
 * image's file: a rename onto a mount point fails (EBUSY), so the mounted file is rewritten in
 * place, as yip does (through an fd opened with O_NOFOLLOW: never through a link). Inside a
 * chroot stage the mounted resolver file is a private copy that the mount plugin writes back to
 * the image's own file when it releases the root, so a `dns` step there still ends up in the
 * image. The path is pinned inside the root (`openInRoot`); missing parents are made 0755.
 */
import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import { writeFileAtomic } from './atomic-write.js';
import type { AtomicWriteOptions } from './atomic-write.js';
import { PARENT_DIRECTORY } from './root-files.js';
import { withinRoot } from './root-walk.js';

const IN_PLACE_FLAGS = constants.O_WRONLY | constants.O_TRUNC | constants.O_NOFOLLOW | constants.O_NONBLOCK;

/** `path` is the file's path inside `root`. */
export async function replaceFile(root: string, path: string, data: string, options: AtomicWriteOptions): Promise<void> {
  await withinRoot(root, path, { createParents: PARENT_DIRECTORY }, async (target) => {
    try {
      await writeFileAtomic(target.host, data, options);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EBUSY') throw error;
      const handle = await open(target.host, IN_PLACE_FLAGS);
      try {
        await handle.writeFile(data);
      } finally {
        await handle.close();
      }
    }
  });
}
