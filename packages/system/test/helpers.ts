/** Temporary directories for the system suites, removed by `cleanup` (an `after` hook). */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function tempDirs() {
  const made: string[] = [];
  return {
    async make(prefix = 'yipts-system-'): Promise<string> {
      const dir = await mkdtemp(join(tmpdir(), prefix));
      made.push(dir);
      return dir;
    },
    async cleanup(): Promise<void> {
      while (made.length) await rm(made.pop()!, { recursive: true, force: true });
    },
  };
}
