/**
 * Mount points inside the root. A path is resolved the way the chroot will see it (an image's
 * `/usr/local -> /var/local` is followed inside the image, `../../etc` stops at the root), so a
 * symlink in the image can never make a mount, a directory or a file land on the host. Missing
 * ones are made through the walk of `openInRoot` (each directory held open on the way), so a
 * link swapped in while they are made cannot carry them out of the root either.
 */
import { closeSync, constants, mkdirSync, openSync } from 'node:fs';
import { lstat, realpath } from 'node:fs/promises';
import { posix } from 'node:path';
import { openInRoot, resolveInRoot, RootEscapeError } from '@yipts/system';
import { isWithin } from './mountinfo.js';
import type { RootSession } from './session.js';

export type MountPointKind = 'dir' | 'file';

export interface MountPointRules {
  /** May missing components be created on one of our non-host mounts (a partition)? Never on a host bind. */
  readonly createOnPartitions: boolean;
}

/** The host path to mount on for `inside`, created (and remembered for removal) when missing. */
export async function prepareMountPoint(
  session: RootSession,
  inside: string,
  kind: MountPointKind,
  rules: MountPointRules,
): Promise<string> {
  const host = await resolveInRoot(session.root, inside);
  // e.g. an image whose /proc is a link to `/`: mounting there would hide the whole root.
  if (host === session.root) throw new RootEscapeError(`refusing to mount on ${inside} in ${session.root}: it resolves to the root itself`);
  const info = await lstatOrUndefined(host);
  if (info) {
    if (kind === 'dir' && !info.isDirectory()) throw new Error(`cannot mount on ${inside} in ${session.root}: it is not a directory there`);
    if (kind === 'file' && !info.isFile()) throw new Error(`cannot mount on ${inside} in ${session.root}: it is not a regular file there`);
  } else {
    await createMissing(session, inside, host, kind, rules);
  }
  // resolveInRoot followed every link already; a link still on the way means the tree changed under us.
  const real = await realpath(host);
  if (real !== host || !isWithin(session.root, real)) {
    throw new RootEscapeError(`refusing to mount on ${inside} in ${session.root}: it resolves to ${real}, outside the path expected`);
  }
  return host;
}

async function createMissing(
  session: RootSession,
  inside: string,
  host: string,
  kind: MountPointKind,
  rules: MountPointRules,
): Promise<void> {
  // The deepest existing directory decides on which file system the missing ones would be made.
  let existing = session.root;
  for (const part of posix.relative(session.root, host).split('/').filter(Boolean)) {
    const next = posix.join(existing, part);
    if (!(await lstatOrUndefined(next))) break;
    existing = next;
  }
  const holder = session.mountHolding(existing);
  if (holder && (holder.hostBacked || !rules.createOnPartitions)) {
    const what = holder.hostBacked ? `the host's ${holder.source}` : `${holder.source}`;
    throw new Error(`cannot create ${inside} in ${session.root}: it would be created on ${holder.inside}, which is ${what}`);
  }
  const on = holder?.target;
  // A dangling link as the last component (`/etc/resolv.conf -> ../run/…`) is followed: its target is made.
  const pinned = openInRoot(session.root, inside, { createParents: MOUNT_POINT_DIRECTORY });
  try {
    for (const dir of pinned.created) session.created.push({ path: posix.join(session.root, dir), kind: 'dir', on });
    // O_EXCL: never truncate, nor follow, something that appeared meanwhile.
    if (kind === 'file') closeSync(openSync(pinned.host, NEW_FILE, 0o644));
    else mkdirSync(pinned.host, { mode: 0o755 });
    session.created.push({ path: posix.join(session.root, pinned.inside), kind, on });
  } finally {
    pinned.close();
  }
}

const MOUNT_POINT_DIRECTORY = { mode: 0o755 };
const NEW_FILE = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW;

async function lstatOrUndefined(path: string) {
  try {
    return await lstat(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
