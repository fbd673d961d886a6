/** Writing what the winning provider gave, inside the target root, each file atomically. */
import { mkdirSync } from 'node:fs';
import { posix } from 'node:path';
import { PARENT_DIRECTORY, resolveInRoot, withinRoot, writeFileInRoot } from '@yipts/system';
import type { MetadataFile } from './provider.js';

/** Creates a directory of the root (and missing parents, 0755) and returns its host path. */
export async function ensureDir(root: string, dir: string): Promise<string> {
  await withinRoot(root, dir, { createParents: PARENT_DIRECTORY }, (target) => {
    try {
      mkdirSync(target.host, { mode: PARENT_DIRECTORY.mode });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  });
  return resolveInRoot(root, dir);
}

/** Writes `data` at `path` (as the root sees it); returns the host path. */
export async function writeInRoot(root: string, path: string, data: Buffer, mode: number): Promise<string> {
  await writeFileInRoot(root, path, data, { mode });
  return resolveInRoot(root, path);
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
