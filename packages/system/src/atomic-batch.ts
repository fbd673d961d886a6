/**
 * Atomic writes of many files at once, with one flush to disk instead of one per file.
 *
 * Each file is written to a temporary file beside its target; `commit` makes all of them
 * durable (see flush()), then renames each over its target in the order staged and syncs each
 * directory once.
 * A reader sees every file either old or new, never half-written, exactly as with one
 * writeFileAtomic per file, at a fraction of the cost.
 *
 * Inside a target root, `stageIn` takes a path pinned by `openInRoot`: the temporary file is
 * created and renamed through the pinned parent directory, which stays open until the commit
 * (or `abort`) is over, so a link swapped in meanwhile cannot carry the file out of the root.
 */
import { closeSync, fchmodSync, fchownSync, fsyncSync, openSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { AtomicWriteOptions } from './atomic-write.js';
import { describeInRoot } from './root-walk.js';
import type { RootPath } from './root-walk.js';
import { sweepStaleTemporariesOnce } from './stale-temporaries.js';
import { SYNCFS_MIN_FILES, syncFileSystems } from './sync-file-systems.js';
import { uniqueSuffix } from './unique-suffix.js';

/** fsyncs in flight at once: enough to keep the disk queue full, few enough for any fd limit. */
const PARALLEL_FSYNCS = 32;

interface Staged {
  readonly target: string;
  readonly temp: string;
  readonly key: unknown;
  /** The pinned parent of a `stageIn` entry, closed once the entry is renamed or dropped. */
  readonly pinned?: RootPath;
}

export interface CommitFailure {
  readonly key: unknown;
  readonly target: string;
  readonly error: Error;
}

export class AtomicWriteBatch<K = unknown> {
  private staged: Staged[] = [];
  private stagedBytes = 0;

  /** Writes `data` to a temporary file beside `target`; throws (leaving nothing behind) on failure. */
  stage(target: string, data: string | Uint8Array, options: AtomicWriteOptions = {}, key?: K): void {
    this.stageEntry(target, data, options, key, undefined);
  }

  /** As `stage`, for a path pinned inside a target root; the batch closes `target` when done with it. */
  stageIn(target: RootPath, data: string | Uint8Array, options: AtomicWriteOptions = {}, key?: K): void {
    try {
      this.stageEntry(target.host, data, options, key, target);
    } catch (error) {
      target.close();
      throw describeInRoot(error);
    }
  }

  private stageEntry(target: string, data: string | Uint8Array, options: AtomicWriteOptions, key: K | undefined, pinned?: RootPath): void {
    sweepStaleTemporariesOnce(dirname(target));
    const temp = join(dirname(target), `.${basename(target)}.yipts-${uniqueSuffix()}`);
    const fd = openSync(temp, 'wx', 0o600);
    try {
      const bytes = typeof data === 'string' ? Buffer.from(data) : data;
      for (let off = 0; off < bytes.length; ) off += writeSync(fd, bytes, off, bytes.length - off);
      if (options.mode !== undefined) fchmodSync(fd, options.mode);
      if (options.uid !== undefined || options.gid !== undefined) fchownSync(fd, options.uid ?? -1, options.gid ?? -1);
    } catch (error) {
      closeSync(fd);
      unlinkSync(temp);
      throw error;
    }
    closeSync(fd);
    this.staged.push(pinned ? { target, temp, key, pinned } : { target, temp, key });
    this.stagedBytes += typeof data === 'string' ? Buffer.byteLength(data) : data.length;
  }

  /** Files staged and not yet committed. */
  get size(): number {
    return this.staged.length;
  }

  /** Bytes staged and not yet committed: callers commit before this grows without bound. */
  get bytes(): number {
    return this.stagedBytes;
  }

  /**
   * Flushes, renames in order, syncs the directories; returns the entries that failed. When
   * `signal` fires during the flush, nothing is renamed and every entry fails as interrupted.
   */
  async commit(signal?: AbortSignal): Promise<CommitFailure[]> {
    const staged = this.staged;
    this.staged = [];
    this.stagedBytes = 0;
    if (staged.length === 0) return [];
    try {
      await flush(
        staged.map((s) => s.temp),
        signal,
      );
    } catch (error) {
      // Nothing was renamed yet: every file keeps its old content, and no temporary file stays.
      for (const s of staged) removeQuietly(s.temp);
      const failures = staged.map((s) => ({ key: s.key, target: shownTarget(s), error: describeInRoot(error as Error) }));
      release(staged);
      return failures;
    }
    const failures: CommitFailure[] = [];
    const dirs = new Set<string>();
    for (const s of staged) {
      try {
        renameSync(s.temp, s.target);
        dirs.add(dirname(s.target));
      } catch (error) {
        failures.push({ key: s.key, target: shownTarget(s), error: describeInRoot(error as Error) });
        removeQuietly(s.temp);
      }
    }
    for (const dir of dirs) syncDir(dir);
    release(staged);
    return failures;
  }

  /** Removes every staged temporary file. */
  abort(): void {
    const staged = this.staged.splice(0);
    for (const s of staged) removeQuietly(s.temp);
    release(staged);
    this.stagedBytes = 0;
  }
}

/** The target as a message should name it: inside the root for a pinned entry. */
function shownTarget(s: Staged): string {
  return s.pinned ? s.pinned.inside : s.target;
}

function release(staged: readonly Staged[]): void {
  for (const s of staged) s.pinned?.close();
}

function removeQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // already gone
  }
}

/**
 * Makes every temporary file durable before any is renamed: one syncfs per file system for a
 * large batch (see sync-file-systems.ts), parallel fsyncs for a small one or when syncfs failed.
 */
async function flush(temps: string[], signal: AbortSignal | undefined): Promise<void> {
  if (temps.length >= SYNCFS_MIN_FILES && (await syncFileSystems(temps, signal))) return;
  for (let i = 0; i < temps.length; i += PARALLEL_FSYNCS) {
    if (signal?.aborted) throw new Error('interrupted before the files were renamed');
    await Promise.all(
      temps.slice(i, i + PARALLEL_FSYNCS).map(async (t) => {
        const handle = await open(t, 'r');
        try {
          await handle.sync();
        } finally {
          await handle.close();
        }
      }),
    );
  }
}

function syncDir(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // Some filesystems refuse fsync on directories; the data itself is already safe.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
