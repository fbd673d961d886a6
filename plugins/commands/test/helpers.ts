/** Temporary directories and a recording logger for the commands suites. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Logger, LogLevel, LogMeta } from '@yipts/core';

export function tempDirs() {
  const made: string[] = [];
  return {
    async make(prefix = 'yipts-commands-'): Promise<string> {
      const dir = await mkdtemp(join(tmpdir(), prefix));
      made.push(dir);
      return dir;
    },
    async cleanup(): Promise<void> {
      while (made.length) await rm(made.pop()!, { recursive: true, force: true });
    },
  };
}

export function recordingLogger(): { logger: Logger; records: { level: LogLevel; message: string; meta: LogMeta | undefined }[] } {
  const records: { level: LogLevel; message: string; meta: LogMeta | undefined }[] = [];
  return { logger: { log: (level, message, meta) => void records.push({ level, message, meta }) }, records };
}
