/**
 * Mount points inside the root. A path is resolved the way the chroot will see it (an image's
 * `/usr/local -> /var/local` is followed inside the image, `../../etc` stops at the root), so a
 * symlink in the image can never make a mount, a directory or a file land on the host.
 */
import { lstat, mkdir, realpath, writeFile } from 'node:fs/promises';
import { posix } from 'node:path';
import { resolveInRoot, RootEscapeError } from '@yipts/system';
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
  const parts = posix.relative(session.root, host).split('/').filter(Boolean);
  let existing = session.root;
  let firstMissing = parts.length;
  for (const [i, part] of parts.entries()) {
    const next = posix.join(existing, part);
    if (!(await lstatOrUndefined(next))) {
      firstMissing = i;
      break;
    }
    existing = next;
  }
  const holder = session.mountHolding(existing);
  if (holder && (holder.hostBacked || !rules.createOnPartitions)) {
    const what = holder.hostBacked ? `the host's ${holder.source}` : `${holder.source}`;
    throw new Error(`cannot create ${inside} in ${session.root}: it would be created on ${holder.inside}, which is ${what}`);
  }
  let current = existing;
  const missing = parts.slice(firstMissing);
  for (const [i, part] of missing.entries()) {
    current = posix.join(current, part);
    if (kind === 'file' && i === missing.length - 1) {
      // wx: never truncate something that appeared meanwhile.
      await writeFile(current, '', { flag: 'wx', mode: 0o644 });
      session.created.push({ path: current, kind: 'file', on: holder?.target });
    } else {
      await mkdir(current, { mode: 0o755 });
      session.created.push({ path: current, kind: 'dir', on: holder?.target });
    }
  }
}

async function lstatOrUndefined(path: string) {
  try {
    return await lstat(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
