/**
 * DNS inside the chroot. Images ship an empty /etc/resolv.conf, or a link into /run that only
 * exists on a booted system, so package installs from a network repository fail. A copy of the
 * host's resolver file is bind-mounted where the chroot will look: the image's own file is never
 * written (the bind goes away with the run, even with the process killed, in a private
 * namespace), and writes from inside the chroot land in the copy, not on the host's file.
 */
import { constants } from 'node:fs';
import { mkdtemp, open, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeInRoot, insideRoot, openInRoot } from '@yipts/system';
import type { RootPath } from '@yipts/system';
import { prepareMountPoint } from './mount-point.js';
import { isWithin } from './mountinfo.js';
import type { RootSession } from './session.js';
import { mustRun } from './tools.js';

const RESOLV_CONF = '/etc/resolv.conf';

export async function provideResolver(session: RootSession, hostFile: string | false): Promise<void> {
  if (hostFile === false) return;
  let content: Buffer;
  try {
    content = await readFile(hostFile);
  } catch (error) {
    session.log(
      'warning',
      `cannot read the host's resolver file ${hostFile} (${(error as Error).message}): names may not resolve inside ${session.root}`,
    );
    return;
  }
  let mountPoint: string;
  try {
    // A dangling link (-> /run/...) is followed inside the root and an empty file is made at its
    // end, removed again at release; never on a mount, so never on the host or a partition.
    mountPoint = await prepareMountPoint(session, RESOLV_CONF, 'file', { createOnPartitions: false });
  } catch (error) {
    session.log(
      'warning',
      `cannot provide ${RESOLV_CONF} inside ${session.root}: ${(error as Error).message}; names may not resolve there`,
    );
    return;
  }
  const dir = await mkdtemp(join(tmpdir(), 'yipts-resolv-'));
  try {
    const copy = join(dir, 'resolv.conf');
    await writeFile(copy, content, { mode: 0o644 });
    // Kept open to read, at release, what the stage may have written into the copy.
    const handle = await open(copy, 'r');
    try {
      await mustRun(['mount', '--bind', '--make-private', '--', copy, mountPoint], `cannot provide ${RESOLV_CONF} inside ${session.root}`);
    } catch (error) {
      await handle.close();
      throw error;
    }
    session.resolver = { handle, hostContent: content, target: mountPoint };
    await session.record({ kind: 'resolver', inside: RESOLV_CONF, target: mountPoint, source: `a copy of ${hostFile}`, hostBacked: true });
  } finally {
    // The bind holds the copy's inode: the file can go at once, so nothing of it is left in
    // the temp directory even if this process is killed later.
    await rm(dir, { recursive: true, force: true });
  }
  session.log('debug', `${RESOLV_CONF} in ${session.root} shows a copy of ${hostFile} during the run`);
}

/** After the bind is gone: a resolver file the stage rewrote is kept in the image. */
export async function carryOverResolver(session: RootSession): Promise<void> {
  const r = session.resolver;
  if (!r) return;
  const now = await r.handle.readFile();
  if (now.equals(r.hostContent)) return;
  // The path must still lead where the bind was: the stage may have moved links around. It is
  // pinned by its directory (openInRoot) and written through it, never through a link.
  let target: RootPath | undefined;
  try {
    target = openInRoot(session.root, RESOLV_CONF);
  } catch {
    // gone, or a loop: not where the bind was
  }
  try {
    if (target?.inside !== insideRoot(session.root, r.target)) {
      session.log(
        'warning',
        `${RESOLV_CONF} was rewritten during the run but no longer leads to the same file in ${session.root}; the new content is not kept`,
      );
      return;
    }
    // In place: the image's file keeps its inode, owner and mode.
    const handle = await open(target.host, constants.O_WRONLY | constants.O_TRUNC | constants.O_NOFOLLOW | constants.O_NONBLOCK);
    try {
      await handle.writeFile(now);
    } finally {
      await handle.close();
    }
  } catch (error) {
    throw describeInRoot(error);
  } finally {
    target?.close();
  }
  // A file made as a mount point now holds the stage's content: it stays, and so does its directory.
  session.created = session.created.filter((c) => !isWithin(c.path, r.target));
  session.log('info', `${RESOLV_CONF} was rewritten during the run: the new content is kept in ${session.root}`);
}
