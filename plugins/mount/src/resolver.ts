/**
 * DNS inside the chroot. Images ship an empty /etc/resolv.conf, or a link into /run that only
 * exists on a booted system, so package installs from a network repository fail. A copy of the
 * host's resolver file is bind-mounted where the chroot will look: the image's own file is never
 * written (the bind goes away with the run, even with the process killed, in a private
 * namespace), and writes from inside the chroot land in the copy, not on the host's file.
 */
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { prepareMountPoint } from './mount-point.js';
import type { RootSession } from './session.js';
import { mustRun } from './tools.js';

const RESOLV_CONF = '/etc/resolv.conf';

export async function provideResolver(session: RootSession, hostFile: string | false): Promise<void> {
  if (hostFile === false) return;
  let content: Buffer;
  try {
    content = await readFile(hostFile);
  } catch (error) {
    session.log('warning', `cannot read the host's resolver file ${hostFile} (${(error as Error).message}): names may not resolve inside ${session.root}`);
    return;
  }
  let mountPoint: string;
  try {
    // A dangling link (-> /run/...) is followed inside the root and an empty file is made at its
    // end, removed again at release; never on a mount, so never on the host or a partition.
    mountPoint = await prepareMountPoint(session, RESOLV_CONF, 'file', { createOnPartitions: false });
  } catch (error) {
    session.log('warning', `cannot provide ${RESOLV_CONF} inside ${session.root}: ${(error as Error).message}; names may not resolve there`);
    return;
  }
  const dir = await mkdtemp(join(tmpdir(), 'yipts-resolv-'));
  session.tempDirs.push(dir);
  const copy = join(dir, 'resolv.conf');
  await writeFile(copy, content, { mode: 0o644 });
  await mustRun(['mount', '--bind', '--make-private', copy, mountPoint], `cannot provide ${RESOLV_CONF} inside ${session.root}`);
  await session.record({ kind: 'resolver', inside: RESOLV_CONF, target: mountPoint, source: `a copy of ${hostFile}`, hostBacked: true });
  session.log('debug', `${RESOLV_CONF} in ${session.root} shows a copy of ${hostFile} during the run`);
}
