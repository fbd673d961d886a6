/** `--report FILE`: the timings written whole or not at all (a temporary file renamed over it). */
import { rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import type { Plugin, RunResult } from '@yipts/core';
import type { CliIO } from '../io.js';
import { timingsRecorder } from './timings.js';

export async function writeReportAtomically(file: string, data: unknown): Promise<void> {
  const temporary = join(dirname(file), `.${basename(file)}.${process.pid}.tmp`);
  try {
    await writeFile(temporary, `${JSON.stringify(data, null, 2)}\n`, { mode: 0o644 });
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true });
    throw new Error(`cannot write the report ${file}: ${(error as Error).message}`, { cause: error });
  }
}

/** The plugins of a run with `--report`, and what writes the report once the run is done. */
export interface ReportedRun {
  readonly plugins: readonly Plugin[];
  write(result: RunResult): Promise<void>;
}

export function reportedRun(file: string | undefined, command: string, plugins: readonly Plugin[], io: CliIO): ReportedRun {
  if (file === undefined) return { plugins, write: async () => {} };
  const timings = timingsRecorder();
  return {
    plugins: [...plugins, timings.plugin],
    write: (result) => writeReportAtomically(resolve(io.cwd, file), timings.report(command, result)),
  };
}
