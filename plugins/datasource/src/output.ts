/** Writing what the winning provider gave, inside the target root, each file atomically. */
import { mkdir } from 'node:fs/promises';
import { posix } from 'node:path';
import { resolveInRoot, writeFileAtomic } from '@yipts/system';
import type { MetadataFile } from './provider.js';

/** Creates a directory of the root (and missing parents, 0755) and returns its host path. */
export async function ensureDir(root: string, dir: string): Promise<string> {
  const host = await resolveInRoot(root, dir);
  await mkdir(host, { recursive: true, mode: 0o755 });
  return host;
}

/** Writes `data` at `path` (as the root sees it); returns the host path. */
export async function writeInRoot(root: string, path: string, data: Buffer, mode: number): Promise<string> {
  await ensureDir(root, posix.dirname(path));
  const host = await resolveInRoot(root, path);
  await writeFileAtomic(host, data, { mode });
  return host;
}

export async function writeMetadata(root: string, dir: string, files: readonly MetadataFile[]): Promise<string[]> {
  const written: string[] = [];
  for (const f of files) {
    const path = posix.join(dir, f.path);
    await writeInRoot(root, path, f.data, f.mode);
    written.push(path);
  }
  return written;
}
