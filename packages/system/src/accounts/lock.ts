/**
 * Steps of a stage may run at the same time; two of them editing /etc/passwd of the same root
 * would each read it, change it and write it, and one change would be lost. Every edit of a
 * root's account files (by ensure_entities, delete_entities or users) runs under this lock: one
 * queue per root, for its four files together (a new user touches all of them).
 */
import { posix } from 'node:path';
import { withPathLock } from '../path-lock.js';

export function withAccountLock<T>(root: string, work: () => Promise<T>): Promise<T> {
  // A name no file of the root can have, so that no lock of a real path shares this queue.
  return withPathLock(posix.join(posix.resolve(root), '\0accounts'), work);
}
