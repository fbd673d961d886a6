/**
 * Leftovers of a killed run. A writer killed between creating its temporary file and renaming
 * it (SIGKILL, a power cut) leaves `.NAME.yipts-PID.START-UNIQUE` (or `.NAME.yipts-download-…`)
 * beside the target. The next run that writes in that directory removes them: only files of
 * exactly that naming, only regular files, and only when their writer is gone: no process PID,
 * or one that started at another time than START (the pid was reused — every run isolated in
 * a pid namespace is pid 1). Names without START (older versions) go when PID is gone or, whoever
 * wrote them, when they are older than a day.
 */
import { lstatSync, readdirSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { directoryKey } from './root-walk.js';
import { processStartTime, thisProcessStartTime } from './unique-suffix.js';

/** `.NAME.yipts-[download-]PID[.START]-UNIQUE`, or the older `.NAME.yipts-[download-]UNIQUE` without the writer. */
const TEMPORARY = /^\..+\.yipts-(?:download-)?(?:([0-9a-z]{1,6})(?:\.([0-9a-z]{1,13}))?-[0-9a-z]{2,}|[0-9a-z]{8,})$/;

/** Age past which a temporary file is stale whoever wrote it. */
export const STALE_TEMPORARY_AGE_MS = 24 * 60 * 60 * 1000;

const swept = new Set<string>();

/** Sweeps `dir` once per process; returns the names removed. Never throws. */
export function sweepStaleTemporariesOnce(dir: string): string[] {
  // A directory pinned inside a target root is known by its path there, not by its fd's number.
  const key = directoryKey(dir);
  if (swept.has(key)) return [];
  swept.add(key);
  return sweepStaleTemporaries(dir);
}

/** Removes the stale temporary files of `dir`; returns their names. Never throws. */
export function sweepStaleTemporaries(dir: string, now = Date.now()): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    if (!name.startsWith('.') || !name.includes('.yipts-')) continue;
    const match = TEMPORARY.exec(name);
    if (!match) continue;
    const pid = match[1] === undefined ? undefined : Number.parseInt(match[1], 36);
    const start = match[2] === undefined ? undefined : Number.parseInt(match[2], 36);
    if (pid === process.pid && (start === undefined || start === thisProcessStartTime())) continue;
    const path = join(dir, name);
    try {
      const info = lstatSync(path);
      if (!info.isFile()) continue;
      const writerGone = pid !== undefined && !isRunning(pid, start);
      if (!writerGone && now - info.mtimeMs < STALE_TEMPORARY_AGE_MS) continue;
      unlinkSync(path);
      removed.push(name);
    } catch {
      // gone meanwhile, or not ours to remove
    }
  }
  return removed;
}

/** Whether the writer `pid` (started at `start`, when known) still runs. */
function isRunning(pid: number, start: number | undefined): boolean {
  if (pid === process.pid) return start === thisProcessStartTime();
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  if (start === undefined) return true;
  const current = processStartTime(pid);
  // A process we cannot read counts as the writer: only a proven reuse of the pid removes a file.
  return current === undefined || current === start;
}
