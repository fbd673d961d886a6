/**
 * Moves an unpacked tree into an existing target directory, as yip applies an image onto it:
 * directories present on both sides are merged (the image's mode, owner and mtime win when a
 * layer named the directory; a parent made on the way leaves the target's alone), anything else
 * in the way is replaced. Entries of the target are examined with lstat and never followed.
 */
import { chmod, lchown, lstat, readdir, rename, rm, utimes } from 'node:fs/promises';
import { join } from 'node:path';

export async function mergeInto(source: string, target: string, chown: boolean, explicit: ReadonlySet<string>): Promise<void> {
  for (const name of await readdir(source)) {
    const from = join(source, name);
    const to = join(target, name);
    const incoming = await lstat(from);
    const present = await lstat(to).catch(() => undefined);
    if (incoming.isDirectory() && present?.isDirectory()) {
      await mergeInto(from, to, chown, explicit);
      if (!explicit.has(from)) continue;
      if (chown) await lchown(to, incoming.uid, incoming.gid);
      await chmod(to, incoming.mode & 0o7777);
      await utimes(to, incoming.atime, incoming.mtime);
      continue;
    }
    if (present) await rm(to, { recursive: true, force: true });
    await rename(from, to);
  }
}
