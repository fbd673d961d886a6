/** Every path under a directory with its type, size and content hash: to see that nothing changed. */
import { createHash } from 'node:crypto';
import { lstat, readdir, readFile, readlink } from 'node:fs/promises';
import { join, relative } from 'node:path';

export async function snapshot(dir: string, skip: readonly string[] = []): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const walk = async (path: string): Promise<void> => {
    if (skip.includes(path)) return;
    const st = await lstat(path);
    const rel = relative(dir, path) || '.';
    if (st.isDirectory()) {
      out[rel] = `dir ${(st.mode & 0o7777).toString(8)}`;
      for (const name of (await readdir(path)).sort()) await walk(join(path, name));
    } else if (st.isSymbolicLink()) out[rel] = `link ${await readlink(path)}`;
    else if (st.isFile())
      out[rel] = `file ${createHash('sha256')
        .update(await readFile(path))
        .digest('hex')
        .slice(0, 16)}`;
    else out[rel] = 'other';
  };
  await walk(dir);
  return out;
}

/** Names under dir (recursively) that contain `needle` in their content. */
export async function filesContaining(dir: string, needle: string): Promise<string[]> {
  const hits: string[] = [];
  const walk = async (path: string): Promise<void> => {
    const st = await lstat(path);
    if (st.isDirectory()) for (const name of await readdir(path)) await walk(join(path, name));
    else if (st.isFile() && (await readFile(path)).includes(needle)) hits.push(relative(dir, path));
  };
  await walk(dir);
  return hits;
}
