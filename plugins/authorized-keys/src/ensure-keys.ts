/**
 * Puts keys into a user's ~/.ssh/authorized_keys inside the root: the user, uid, gid and home
 * come from the root's own /etc/passwd. ~/.ssh is made 0700 and the file 0600, both owned by the
 * user, as sshd's StrictModes wants. A key that cannot be fetched is an error, but the keys that
 * could be are written all the same.
 */
import { chmod, chown, lstat, mkdir, readFile, stat } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import { posix } from 'node:path';
import { findUser, insideRoot, resolveInRoot, writeFileAtomic } from '@yipts/system';
import { fetchKeys } from './fetch-keys.js';
import { withFileLock } from './file-lock.js';
import { keyLines, mergeKeys } from './key-lines.js';
import { keySource } from './key-source.js';
import type { AuthorizedKeysOptions } from './options.js';

export interface KeysTarget {
  readonly root: string;
  readonly signal?: AbortSignal;
  /** Told what was added, for the step's log. */
  readonly note?: (message: string) => void;
}

export interface KeysOutcome {
  /** Keys newly written. */
  readonly added: number;
  /** The file, as the root sees it. */
  readonly file: string;
}

async function lstatOrNull(path: string, follow = false): Promise<Stats | null> {
  try {
    return await (follow ? stat(path) : lstat(path));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/** Every key line of the entries, in order; entries that fail are collected as errors. */
async function resolveKeys(keys: readonly string[], options: AuthorizedKeysOptions, signal: AbortSignal | undefined): Promise<{ lines: string[]; errors: Error[] }> {
  const results = await Promise.allSettled(
    keys.map(async (entry) => {
      const source = keySource(entry, options);
      if (source.kind === 'literal') return keyLines(source.text);
      const lines = keyLines(await fetchKeys(source.url, source.label, options, signal));
      if (!lines.length) throw new Error(`${source.label} published no keys`);
      return lines;
    }),
  );
  const lines: string[] = [];
  const errors: Error[] = [];
  for (const r of results) {
    if (r.status === 'fulfilled') lines.push(...r.value);
    else errors.push(r.reason instanceof Error ? r.reason : new Error(String(r.reason)));
  }
  return { lines, errors };
}

/** ~/.ssh as a real directory (never through a link: chown would then hand its target to the user). */
async function ensureSshDir(dir: string, shown: string, uid: number, gid: number): Promise<void> {
  const st = await lstatOrNull(dir);
  if (st?.isSymbolicLink()) throw new Error(`${shown} is a symbolic link; refusing to change what it points to`);
  if (st && !st.isDirectory()) throw new Error(`${shown} exists and is not a directory`);
  if (!st) await mkdir(dir, { mode: 0o700 });
  await chmod(dir, 0o700);
  await chown(dir, uid, gid);
}

/** Merges `lines` into the user's file; returns how many keys were new. */
async function writeKeys(home: string, lines: readonly string[], root: string, uid: number, gid: number, shownFile: string): Promise<number> {
  const sshDir = posix.join(home, '.ssh');
  await ensureSshDir(sshDir, insideRoot(root, sshDir), uid, gid);
  const file = posix.join(sshDir, 'authorized_keys');
  const st = await lstatOrNull(file);
  if (st?.isSymbolicLink()) throw new Error(`${shownFile} is a symbolic link; refusing to write through it`);
  if (st && !st.isFile()) throw new Error(`${shownFile} is not a regular file`);
  const merged = mergeKeys(st ? await readFile(file, 'utf8') : '', lines);
  if (merged) {
    await writeFileAtomic(file, merged.text, { mode: 0o600, uid, gid });
    return merged.count;
  }
  await chmod(file, 0o600);
  await chown(file, uid, gid);
  return 0;
}

export async function ensureAuthorizedKeys(userName: string, keys: readonly string[], target: KeysTarget, options: AuthorizedKeysOptions = {}): Promise<KeysOutcome> {
  const { root } = target;
  const inRoot = root === '/' ? '' : ` in ${root}`;
  const user = await findUser(root, userName);
  if (!user || user.name !== userName) throw new Error(`authorized_keys: user \`${userName}\` does not exist in /etc/passwd${inRoot}`);
  if (!user.home) throw new Error(`authorized_keys: user \`${userName}\` has no home directory in /etc/passwd${inRoot}`);
  const uid = user.id;
  const gid = user.gid ?? uid;
  const shownFile = posix.join(user.home, '.ssh', 'authorized_keys');

  const { lines, errors } = await resolveKeys(keys, options, target.signal);
  let added = 0;
  if (lines.length) {
    try {
      const home = await resolveInRoot(root, user.home);
      // The home itself may be a link (/home -> /var/home on a host): it is followed.
      if (!(await lstatOrNull(home, true))?.isDirectory()) throw new Error(`home directory ${user.home} does not exist${inRoot}; keys not written`);
      added = await withFileLock(home, () => writeKeys(home, lines, root, uid, gid, shownFile));
      if (added) target.note?.(`${added} key(s) added to ${shownFile} of ${userName}`);
    } catch (error) {
      errors.push(error as Error);
    }
  }
  if (errors.length) throw new AggregateError(errors.map((e) => new Error(`authorized_keys of ${userName}: ${e.message}`, { cause: e })), `authorized_keys of ${userName}`);
  return { added, file: shownFile };
}
