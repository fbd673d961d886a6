/**
 * What a directory tree looks like, path by path (type, mode, owner, size, mtime, link target),
 * to tell whether anything in it was written, and what.
 */
import { lstat, readdir, readlink } from 'node:fs/promises';
import { join } from 'node:path';

export type Tree = Map<string, string>;

export async function snapshot(dir: string): Promise<Tree> {
  const tree: Tree = new Map();
  const walk = async (rel: string): Promise<void> => {
    const full = join(dir, rel);
    const info = await lstat(full);
    const link = info.isSymbolicLink() ? ` -> ${await readlink(full)}` : '';
    tree.set(rel || '/', `${info.mode.toString(8)} ${info.uid}:${info.gid} ${info.isDirectory() ? '' : info.size} ${info.mtimeMs}${link}`);
    if (info.isDirectory()) for (const name of await readdir(full)) await walk(`${rel}/${name}`);
  };
  await walk('');
  return tree;
}

/** Paths added, removed or changed between two snapshots; a directory whose only change is its mtime (an entry was added) is left out. */
export function changedPaths(before: Tree, after: Tree): string[] {
  const out = new Set<string>();
  const mtimeOnly = (a: string, b: string) =>
    a.split(' ').slice(0, 3).join(' ') === b.split(' ').slice(0, 3).join(' ') && a.startsWith('4');
  for (const [path, sig] of after) {
    const old = before.get(path);
    if (old === undefined || (old !== sig && !mtimeOnly(old, sig))) out.add(path);
  }
  for (const path of before.keys()) if (!after.has(path)) out.add(path);
  return [...out].sort();
}
