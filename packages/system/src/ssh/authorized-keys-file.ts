/**
 * Adding keys to a user's ~/.ssh/authorized_keys inside a root: the user, uid, gid and home come
 * from the root's own /etc/passwd. ~/.ssh is made 0700 and the file 0600, both owned by the
 * user, as sshd's StrictModes wants. Keys already in the file (same type and blob) are not
 * added again, so applying a config at every boot changes nothing after the first.
 */
import { mkdirSync } from 'node:fs';
import type { Stats } from 'node:fs';
import { lstat, stat } from 'node:fs/promises';
import { posix } from 'node:path';
import { findUser } from '../accounts/lookup.js';
import { writeFileAtomic } from '../atomic-write.js';
import { withPathLock } from '../path-lock.js';
import { readPinned } from '../root-files.js';
import { resolveInRoot } from '../root-path.js';
import { setAttributes, withinRoot } from '../root-walk.js';
import { mergeKeys } from './key-lines.js';

/** Whose file keys go to: found in the root's own /etc/passwd. */
export interface KeysOwner {
  readonly root: string;
  readonly user: string;
  readonly uid: number;
  readonly gid: number;
  /** The home, as the root sees it. */
  readonly home: string;
  /** The authorized_keys file, as the root sees it. */
  readonly file: string;
}

async function statOrNull(path: string, follow = false): Promise<Stats | null> {
  try {
    return await (follow ? stat(path) : lstat(path));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/**
 * ~/.ssh as a real directory (never through a link: chown would then hand its target to the
 * user). Pinned by its parent, the home: nothing swapped in on the way can move it out of the root.
 */
async function ensureSshDir(root: string, home: string, uid: number, gid: number): Promise<void> {
  await withinRoot(root, posix.join(home, '.ssh'), { followLast: false }, async (dir) => {
    const st = await statOrNull(dir.host);
    if (st?.isSymbolicLink()) throw new Error(`${dir.inside} is a symbolic link; refusing to change what it points to`);
    if (st && !st.isDirectory()) throw new Error(`${dir.inside} exists and is not a directory`);
    if (!st) mkdirSync(dir.host, { mode: 0o700 });
    setAttributes(dir.host, { mode: 0o700, uid, gid });
  });
}

/** Merges `lines` into the file under `home` (as the root sees it); returns how many keys were new. */
async function mergeIntoFile(home: string, lines: readonly string[], owner: KeysOwner): Promise<number> {
  const { root, uid, gid, file: shownFile } = owner;
  await ensureSshDir(root, home, uid, gid);
  return withinRoot(root, posix.join(home, '.ssh', 'authorized_keys'), { followLast: false }, async (file) => {
    const st = await statOrNull(file.host);
    if (st?.isSymbolicLink()) throw new Error(`${shownFile} is a symbolic link; refusing to write through it`);
    if (st && !st.isFile()) throw new Error(`${shownFile} is not a regular file`);
    const merged = mergeKeys(st ? (await readPinned(file)).text : '', lines);
    if (merged) {
      await writeFileAtomic(file.host, merged.text, { mode: 0o600, uid, gid });
      return merged.count;
    }
    setAttributes(file.host, { mode: 0o600, uid, gid });
    return 0;
  });
}

/** The owner of `userName`'s authorized_keys in the root; throws, naming the user, when it has no account or no home. */
export async function authorizedKeysOwner(root: string, userName: string): Promise<KeysOwner> {
  const inRoot = root === '/' ? '' : ` in ${root}`;
  const user = await findUser(root, userName);
  if (!user || user.name !== userName) throw new Error(`user \`${userName}\` does not exist in /etc/passwd${inRoot}`);
  if (!user.home) throw new Error(`user \`${userName}\` has no home directory in /etc/passwd${inRoot}`);
  const file = posix.join(user.home, '.ssh', 'authorized_keys');
  return { root, user: userName, uid: user.id, gid: user.gid ?? user.id, home: user.home, file };
}

/**
 * Adds the key `lines` to the owner's authorized_keys; returns how many were new. Throws when
 * the home does not exist or the file cannot be written. Two writes of one file (a `users`
 * entry and an `authorized_keys` step at the same time) take turns.
 */
export async function addAuthorizedKeys(owner: KeysOwner, lines: readonly string[]): Promise<number> {
  if (!lines.length) return 0;
  const { root } = owner;
  const home = await resolveInRoot(root, owner.home);
  // The home itself may be a link (/home -> /var/home on a host): it is followed.
  if (!(await statOrNull(home, true))?.isDirectory()) {
    throw new Error(`home directory ${owner.home} does not exist${root === '/' ? '' : ` in ${root}`}; keys not written`);
  }
  return withPathLock(posix.join(home, '.ssh', 'authorized_keys'), () => mergeIntoFile(owner.home, lines, owner));
}
