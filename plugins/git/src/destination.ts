/** What is at the destination decides between a fresh clone, an update, or a refusal. */
import { lstat, readdir } from 'node:fs/promises';
import type { Stats } from 'node:fs';

export type DestinationState =
  | { readonly kind: 'missing' }
  /** An empty directory: the clone replaces it and keeps its mode and owner. */
  | { readonly kind: 'empty'; readonly stats: Stats }
  /** A directory with a `.git` (directory, or file of a linked work tree): updated in place. */
  | { readonly kind: 'clone' }
  /** A directory with other things in it: never overwritten. */
  | { readonly kind: 'occupied' }
  | { readonly kind: 'not-a-directory' };

export async function destinationState(path: string): Promise<DestinationState> {
  let stats: Stats;
  try {
    stats = await lstat(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'missing' };
    throw error;
  }
  if (!stats.isDirectory()) return { kind: 'not-a-directory' };
  const entries = await readdir(path);
  if (entries.includes('.git')) return { kind: 'clone' };
  return entries.length ? { kind: 'occupied' } : { kind: 'empty', stats };
}
