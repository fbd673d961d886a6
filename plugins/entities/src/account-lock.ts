/**
 * Steps of a stage may run at the same time; two of them editing /etc/passwd of the same root
 * would each read it, change it and write it, and one change would be lost. Every edit of a
 * root's account files (by ensure_entities, delete_entities or users) runs under this lock.
 */
import { posix } from 'node:path';

const tails = new Map<string, Promise<unknown>>();

export async function withAccountLock<T>(root: string, work: () => Promise<T>): Promise<T> {
  const key = posix.resolve(root);
  const previous = tails.get(key) ?? Promise.resolve();
  const result = previous.then(work, work);
  const tail = result.catch(() => undefined);
  tails.set(key, tail);
  try {
    return await result;
  } finally {
    if (tails.get(key) === tail) tails.delete(key);
  }
}
