/**
 * Scratch directories for one suite, removed together by `cleanup` (an `after` hook), so a test
 * that fails half-way leaves nothing behind in the temporary directory.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TempDirs {
  /** A new empty directory (mode 0700) under the system's temporary directory. */
  make(prefix?: string): Promise<string>;
  /** Removes every directory made so far. */
  cleanup(): Promise<void>;
}

export function tempDirs(defaultPrefix = 'yipts-test-'): TempDirs {
  const made: string[] = [];
  return {
    async make(prefix = defaultPrefix) {
      const dir = await mkdtemp(join(tmpdir(), prefix));
      made.push(dir);
      return dir;
    },
    async cleanup() {
      while (made.length) await rm(made.pop()!, { recursive: true, force: true });
    },
  };
}
