/**
 * The home directory of a new user: 0755 and owned by the user, as yip makes it; missing
 * parents are made 0755 and stay root's. A home that already exists is handed to the user too
 * (images often ship /home/<user> owned by root), unless it is a link, which is left alone so
 * that a chown can never reach what it points to.
 */
import { chmod, chown, lstat, mkdir } from 'node:fs/promises';
import { posix } from 'node:path';
import { resolveInRoot } from '@yipts/system';

export async function makeHome(root: string, home: string, uid: number, gid: number): Promise<'created' | 'adopted' | 'skipped'> {
  if (!posix.isAbsolute(home)) throw new Error(`home directory \`${home}\` is not an absolute path`);
  const path = await resolveInRoot(root, home);
  if (path === posix.resolve(root)) return 'skipped';
  const st = await lstat(path).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return null;
    throw error;
  });
  if (st?.isSymbolicLink()) return 'skipped';
  if (st && !st.isDirectory()) throw new Error(`home directory ${home} exists and is not a directory`);
  if (!st) {
    await mkdir(posix.dirname(path), { recursive: true, mode: 0o755 });
    await mkdir(path, { mode: 0o755 });
    await chmod(path, 0o755);
  }
  await chown(path, uid, gid);
  return st ? 'adopted' : 'created';
}
