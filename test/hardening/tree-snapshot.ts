/** Every entry under a directory with its type, mode, owner and size: what "nothing changed there" is compared on. */
import { lstatSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

export function treeSnapshot(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const visit = (path: string, rel: string) => {
    const st = lstatSync(path);
    const kind = st.isDirectory() ? 'd' : st.isSymbolicLink() ? 'l' : st.isFile() ? 'f' : 'o';
    out.set(rel || '.', `${kind} ${(st.mode & 0o7777).toString(8)} ${st.uid}:${st.gid} ${st.isFile() ? st.size : ''}`);
    if (st.isDirectory()) for (const name of readdirSync(path).sort()) visit(join(path, name), `${rel}/${name}`);
  };
  visit(dir, '');
  return out;
}

/** The entries added, removed or changed between two snapshots, one line each. */
export function treeChanges(before: ReadonlyMap<string, string>, after: ReadonlyMap<string, string>): string[] {
  const changes: string[] = [];
  for (const [path, was] of before) {
    const now = after.get(path);
    if (now === undefined) changes.push(`removed ${path}`);
    else if (now !== was) changes.push(`changed ${path}: ${was} -> ${now}`);
  }
  for (const [path, now] of after) if (!before.has(path)) changes.push(`added ${path}: ${now}`);
  return changes;
}
