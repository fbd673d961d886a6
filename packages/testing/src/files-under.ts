/** The regular files below a root, as a plain object a test can compare with `assert.equal`. */
import { lstat, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface FileState {
  /** Permission bits, e.g. 0o644 (with setuid, setgid and sticky bits when set). */
  readonly mode: number;
  /** The content as UTF-8 text. */
  readonly content: string;
}

/**
 * Every regular file below `root`, keyed by its path relative to the root (`etc/motd`), in
 * byte-wise order. Directories and symlinks are not listed, and links are never followed, so a
 * link pointing out of the root cannot make the listing read the host.
 */
export async function filesUnder(root: string): Promise<Record<string, FileState>> {
  const out: Record<string, FileState> = {};
  const paths: string[] = [];
  await walk(root, '', paths);
  paths.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  for (const rel of paths) {
    const full = join(root, rel);
    const info = await lstat(full);
    out[rel] = { mode: info.mode & 0o7777, content: await readFile(full, 'utf8') };
  }
  return out;
}

async function walk(root: string, rel: string, out: string[]): Promise<void> {
  for (const entry of await readdir(join(root, rel), { withFileTypes: true })) {
    const child = rel ? `${rel}/${entry.name}` : entry.name;
    if (entry.isDirectory()) await walk(root, child, out);
    else if (entry.isFile()) out.push(child);
  }
}
