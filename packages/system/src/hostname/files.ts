/** /etc/hostname and /etc/hosts of the target root, each replaced atomically. */
import { replaceFile } from '../replace-file.js';
import { insideRoot, resolveInRoot } from '../root-path.js';
import { withPathLock } from '../path-lock.js';
import { mkdir, readFile, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { newHosts, rewriteHosts } from './hosts-file.js';

const MODE = 0o644;

export async function writeHostnameFile(root: string, name: string): Promise<string> {
  const target = await resolveInRoot(root, '/etc/hostname');
  await mkdir(dirname(target), { recursive: true, mode: 0o755 });
  await replaceFile(root, target, `${name}\n`, { mode: MODE });
  return insideRoot(root, target);
}

/** Keeps the mode and owner of an existing hosts file: only its loopback lines change. */
export async function updateHostsFile(root: string, name: string): Promise<string> {
  const target = await resolveInRoot(root, '/etc/hosts');
  return withPathLock(target, async () => {
    const current = await readFile(target, 'utf8').catch((e: NodeJS.ErrnoException) => {
      if (e.code === 'ENOENT') return undefined;
      throw e;
    });
    if (current === undefined) {
      await mkdir(dirname(target), { recursive: true, mode: 0o755 });
      await replaceFile(root, target, newHosts(name), { mode: MODE });
    } else {
      const info = await stat(target);
      await replaceFile(root, target, rewriteHosts(current, name), { mode: info.mode & 0o7777, uid: info.uid, gid: info.gid });
    }
    return insideRoot(root, target);
  });
}
