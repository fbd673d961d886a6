/**
 * One package operation at a time per root. Steps without a dependency between them may run
 * at the same time, but two package managers in one root fight over its lock (apt fails at
 * once with "Could not get lock"), and two pin edits of one file would lose one of them.
 */
import { resolve } from 'node:path';

const tails = new Map<string, Promise<unknown>>();

export async function withRootLock<T>(root: string, work: () => Promise<T>): Promise<T> {
  const key = resolve(root);
  const previous = tails.get(key) ?? Promise.resolve();
  const run = previous.then(() => work());
  const tail = run.catch(() => undefined);
  tails.set(key, tail);
  try {
    return await run;
  } finally {
    if (tails.get(key) === tail) tails.delete(key);
  }
}
