/**
 * Making many freshly written files durable with one syncfs(2) per file system instead of one
 * fsync(2) per file. syncfs writes back every dirty page and inode of the file system and, on
 * ext4, xfs and btrfs, commits the journal with a cache flush before it returns: each file given
 * is then on stable storage, exactly as after its own fsync. Since Linux 5.8 syncfs also reports
 * a writeback error of any file of the file system (errseq), so a failed write is not lost.
 *
 * Node.js has no binding for syncfs; `sync -f PATH` (coreutils) is that call, started once per
 * file system. It costs one process start (about 2 ms), far less than 200 fsyncs (10 to 40 ms on
 * a virtual disk), but more than a handful of them: small batches keep one fsync per file.
 */
import { statSync } from 'node:fs';
import { dirname } from 'node:path';

/** Below this many files, fsync each: cheaper than starting `sync`. */
export const SYNCFS_MIN_FILES = 16;

/** One path per file system among the directories of `paths` (st_dev of each directory). */
export function pathPerFileSystem(paths: readonly string[]): string[] {
  const byDevice = new Map<number, string>();
  for (const dir of new Set(paths.map((p) => dirname(p)))) {
    const { dev } = statSync(dir);
    if (!byDevice.has(dev)) byDevice.set(dev, dir);
  }
  return [...byDevice.values()];
}

/**
 * syncfs of every file system holding one of `paths`. Returns false when that could not be done
 * (no `sync` with `-f`, an old kernel's or file system's refusal, an I/O error): the caller then
 * fsyncs each file, which reports the error of the file it concerns. Throws only when `signal`
 * fires.
 */
export async function syncFileSystems(paths: readonly string[], signal?: AbortSignal): Promise<boolean> {
  if (signal?.aborted) throw new Error('interrupted before the files were renamed');
  // Loaded on first use: most runs write few files or none.
  const { execFile } = await import('node:child_process');
  const roots = pathPerFileSystem(paths);
  const synced = Promise.all(
    roots.map(
      (path) =>
        new Promise<boolean>((resolve) => {
          execFile('sync', ['-f', path], { signal }, (error) => resolve(error === null));
        }),
    ),
  );
  // A syncfs waiting for a busy disk cannot be interrupted: a stop does not wait for it (the
  // files are then not renamed, and `sync` finishes on its own).
  let onAbort: (() => void) | undefined;
  const aborted = new Promise<'aborted'>((resolve) => {
    onAbort = () => resolve('aborted');
    signal?.addEventListener('abort', onAbort, { once: true });
  });
  try {
    const results = await Promise.race([synced, aborted]);
    if (results === 'aborted' || signal?.aborted) throw new Error('interrupted before the files were renamed');
    return results.every(Boolean);
  } finally {
    if (onAbort) signal?.removeEventListener('abort', onAbort);
  }
}
