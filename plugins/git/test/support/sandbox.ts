/** A temporary directory holding a target root, plus checks that a run kept to that root. */
import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { STAGING_MARK } from '../../src/staging.js';
import { snapshot } from './tree.js';

export interface Sandbox {
  readonly dir: string;
  /** The target root: `<dir>/root`. */
  readonly root: string;
  /** Everything in the sandbox outside the root, to compare before and after a run. */
  outside(): Promise<Record<string, string>>;
  cleanup(): Promise<void>;
}

export async function makeSandbox(): Promise<Sandbox> {
  const dir = await mkdtemp(join(tmpdir(), 'yipts-git-test-'));
  const root = join(dir, 'root');
  await mkdir(root);
  return {
    dir,
    root,
    outside: () => snapshot(dir, [root]),
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
}

/** Staging directories (and the key files in them) still present anywhere under dir. */
export async function leftovers(dir: string): Promise<string[]> {
  const found: string[] = [];
  const walk = async (path: string): Promise<void> => {
    for (const entry of await readdir(path, { withFileTypes: true })) {
      const full = join(path, entry.name);
      if (entry.name.includes(STAGING_MARK)) found.push(full);
      if (entry.isDirectory() && entry.name !== '.git' && !['proc', 'sys', 'dev'].includes(entry.name)) await walk(full);
    }
  };
  await walk(dir);
  return found;
}
