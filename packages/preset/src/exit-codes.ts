/** What a run means for a command's exit status, shared by run-stage and the command line. */
import type { RunResult } from '@yipts/core';

export const EXIT_OK = 0;
/** A step failed or a source could not be loaded (yip), or the target root could not be prepared or released. */
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;
/** `run-stage --strict` when a step failed, as Elemental expects. */
export const EXIT_STRICT_FAILURE = 65;

/** run-stage: 0 unless the root failed (1) or, when strict, a step failed (65). */
export function runStageExitCode(result: RunResult, strict: boolean): number {
  if (result.fatal) return EXIT_FAILURE;
  if (!result.ok && strict) return EXIT_STRICT_FAILURE;
  return EXIT_OK;
}

/** An interrupted run exits as the shell reports a death by that signal (130, 143). */
export function interruptedExitCode(signal: AbortSignal): number | undefined {
  if (!signal.aborted) return undefined;
  return 128 + (String((signal.reason as Error | undefined)?.message) === 'SIGINT' ? 2 : 15);
}
