/**
 * A temporary directory to use as a run's target root, so that a plugin under test writes into
 * it and never onto the machine running the tests.
 */
import { chmod, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { resolveInRoot } from '@yipts/system';
import { mountsUnder } from './mounts.js';

/** What a path of the tree holds: text or bytes (mode 0644), or one of the explicit forms. */
export type TreeEntry =
  | string
  | Uint8Array
  | { readonly content: string | Uint8Array; readonly mode?: number }
  | { readonly symlink: string }
  | { readonly directory: true; readonly mode?: number };

/** Paths inside the root (a leading `/` is optional) to what they hold. Parents are created 0755. */
export type FileTree = Readonly<Record<string, TreeEntry>>;

export interface TempRoot {
  /** The host path of the root. */
  readonly path: string;
  /** The host path of `path` as seen inside the root (symlinks followed inside it, as a chroot would). */
  resolve(path: string): Promise<string>;
  /** The text of a file inside the root. */
  read(path: string): Promise<string>;
  /** Adds files to the root. */
  write(files: FileTree): Promise<void>;
  /** Removes the root; refuses when something is still mounted below it. Safe to call twice. */
  cleanup(): Promise<void>;
}

export async function tempRoot(files: FileTree = {}, options: { prefix?: string } = {}): Promise<TempRoot> {
  const path = await mkdtemp(join(tmpdir(), options.prefix ?? 'yipts-test-root-'));
  // mkdtemp gives 0700; a root directory is 0755, and chrooted non-root users must enter it.
  await chmod(path, 0o755);
  const root: TempRoot = {
    path,
    resolve: (p) => resolveInRoot(path, p),
    read: async (p) => readFile(await resolveInRoot(path, p), 'utf8'),
    write: (tree) => writeTree(path, tree),
    cleanup: async () => {
      const mounted = await mountsUnder(path);
      if (mounted.length) throw new Error(`not removing ${path}: still mounted below it: ${mounted.join(', ')}`);
      await rm(path, { recursive: true, force: true });
    },
  };
  try {
    await writeTree(path, files);
  } catch (error) {
    await root.cleanup();
    throw error;
  }
  return root;
}

/** Writes a tree under `base` as plain host paths: set-up is the test's own, not the code under test. */
export async function writeTree(base: string, tree: FileTree): Promise<void> {
  for (const [name, entry] of Object.entries(tree)) {
    const relative = name.replace(/^\/+/, '');
    if (!relative || relative.split('/').includes('..')) throw new Error(`tree path \`${name}\` must name something inside the root`);
    const target = join(base, relative);
    await mkdir(dirname(target), { recursive: true, mode: 0o755 });
    if (typeof entry === 'string' || entry instanceof Uint8Array) {
      await writeFile(target, entry, { mode: 0o644 });
      await chmod(target, 0o644);
    } else if ('symlink' in entry) {
      await symlink(entry.symlink, target);
    } else if ('directory' in entry) {
      await mkdir(target, { recursive: true });
      await chmod(target, entry.mode ?? 0o755);
    } else {
      await writeFile(target, entry.content);
      // Explicitly, because the process umask would otherwise trim the mode asked for.
      await chmod(target, entry.mode ?? 0o644);
    }
  }
}
