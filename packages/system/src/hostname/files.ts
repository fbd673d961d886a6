/** /etc/hostname and /etc/hosts of the target root, each replaced atomically. */
import { replaceFile } from '../replace-file.js';
import { readFileInRoot } from '../root-files.js';
import { insideRoot, resolveInRoot } from '../root-path.js';
import { withPathLock } from '../path-lock.js';
import { newHosts, rewriteHosts } from './hosts-file.js';

const MODE = 0o644;

export async function writeHostnameFile(root: string, name: string): Promise<string> {
  const target = await resolveInRoot(root, '/etc/hostname');
  await replaceFile(root, '/etc/hostname', `${name}\n`, { mode: MODE });
  return insideRoot(root, target);
}

/** Keeps the mode and owner of an existing hosts file: only its loopback lines change. */
export async function updateHostsFile(root: string, name: string): Promise<string> {
  const target = await resolveInRoot(root, '/etc/hosts');
  return withPathLock(target, async () => {
    // Read and written through the root's own directories only (a link swapped in cannot redirect either).
    const current = await readFileInRoot(root, '/etc/hosts');
    if (current === undefined) await replaceFile(root, '/etc/hosts', newHosts(name), { mode: MODE });
    else {
      const { mode, uid, gid } = current.stats;
      await replaceFile(root, '/etc/hosts', rewriteHosts(current.text, name), { mode: mode & 0o7777, uid, gid });
    }
    return insideRoot(root, target);
  });
}
