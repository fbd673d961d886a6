/**
 * Steps of a stage may run at the same time; a read-modify-write of one file must not
 * interleave with another, or one step's change would be lost. Work on one path therefore runs
 * one at a time, in the order it was asked for, whichever plugin asks: the queue is shared, so
 * two plugins editing the same file are kept apart too. Not re-entrant: work that takes the lock
 * of its own path again waits for itself.
 */
import { posix } from 'node:path';

/** The last work queued per path; a later caller waits for it, whether it succeeds or fails. */
const tails = new Map<string, Promise<unknown>>();

export async function withPathLock<T>(path: string, work: () => Promise<T>): Promise<T> {
  // `/etc//hosts` and `/etc/hosts` are one file, so they share one queue.
  const key = posix.resolve(path);
  const previous = tails.get(key) ?? Promise.resolve();
  const current = previous.catch(() => undefined).then(work);
  tails.set(key, current);
  try {
    return await current;
  } finally {
    // Only the last in line removes the entry, so the map does not grow with every path ever used.
    if (tails.get(key) === current) tails.delete(key);
  }
}
