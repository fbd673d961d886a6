/**
 * Moves an unpacked tree into an existing target directory, as yip applies an image onto it:
 * directories present on both sides are merged (the image's mode, owner and mtime win when a
 * layer named the directory; a parent made on the way leaves the target's alone), anything else
 * in the way is replaced. Entries of the target are examined with lstat and never followed, and
 * the target's directories are descended by fd (O_NOFOLLOW, then `/proc/self/fd/N/name`): one
 * swapped for a link meanwhile cannot carry the merge outside the root.
 */
import { closeSync, constants, fchmodSync, fchownSync, futimesSync, openSync } from 'node:fs';
import { lstat, readdir, rename, rm } from 'node:fs/promises';
import { join, posix } from 'node:path';

const DIRECTORY_FLAGS = constants.O_RDONLY | constants.O_DIRECTORY | constants.O_NOFOLLOW;

/**
 * `target` names the directory to merge into (a pinned path inside a root); `explicit` holds the
 * directories layers named, by path in the image (`inside` is the path of `source` there).
 */
export async function mergeInto(
  source: string,
  target: string,
  chown: boolean,
  explicit: ReadonlySet<string>,
  inside = '/',
): Promise<void> {
  for (const name of await readdir(source)) {
    const from = join(source, name);
    const to = `${target}/${name}`;
    const path = posix.join(inside, name);
    const incoming = await lstat(from);
    const present = await lstat(to).catch(() => undefined);
    if (incoming.isDirectory() && present?.isDirectory()) {
      const fd = openSync(to, DIRECTORY_FLAGS);
      try {
        await mergeInto(from, `/proc/self/fd/${fd}`, chown, explicit, path);
        if (explicit.has(path)) {
          if (chown) fchownSync(fd, incoming.uid, incoming.gid);
          fchmodSync(fd, incoming.mode & 0o7777);
          futimesSync(fd, incoming.atime, incoming.mtime);
        }
      } finally {
        closeSync(fd);
      }
      continue;
    }
    if (present) await rm(to, { recursive: true, force: true });
    await rename(from, to);
  }
}
