/**
 * The home directory of a new user: 0755 and owned by the user, as yip makes it; missing
 * parents are made 0755 and stay root's. A home that already exists is handed to the user too
 * (images often ship /home/<user> owned by root), unless it is a link, which is left alone so
 * that a chown can never reach what it points to. Inside a target root the home is pinned by
 * its parent directory (`withinRoot`): what is made and chown-ed stays inside the root.
 */
import { lstatSync, mkdirSync } from 'node:fs';
import { posix } from 'node:path';
import { setAttributes, withinRoot } from '@yipts/system';

const HOME_MODE = 0o755;

export async function makeHome(root: string, home: string, uid: number, gid: number): Promise<'created' | 'adopted' | 'skipped'> {
  if (!posix.isAbsolute(home)) throw new Error(`home directory \`${home}\` is not an absolute path`);
  return withinRoot(root, home, { createParents: { mode: HOME_MODE } }, (target) => {
    if (target.name === '' || target.host === '/') return 'skipped'; // the root itself
    const st = lstatOrNull(target.host);
    if (st?.isSymbolicLink()) return 'skipped';
    if (st && !st.isDirectory()) throw new Error(`home directory ${home} exists and is not a directory`);
    if (!st) mkdirSync(target.host, { mode: HOME_MODE });
    setAttributes(target.host, st ? { uid, gid } : { mode: HOME_MODE, uid, gid });
    return st ? 'adopted' : 'created';
  });
}

function lstatOrNull(path: string) {
  try {
    return lstatSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}
