/**
 * What counts as a crash: an exception out of the engine, an error of the run outside any
 * file or step, a finding that is not a YiptsError with a documented code, or a message that
 * leaks the implementation (a JavaScript error instead of a sentence about the config).
 */
import { isKnownCode, YiptsError } from '@yipts/core';
import type { RunResult } from '@yipts/core';

const LEAKS = new RegExp(
  [
    'Maximum call stack',
    'Cannot read propert',
    'is not a function',
    'is not iterable',
    'undefined',
    '\\[object Object\\]',
    'NaN',
    'Invalid array length',
    'out of memory',
  ].join('|'),
);

/** Why `result` is a crash, or undefined when every finding is a proper diagnostic. */
export function crashIn(result: RunResult): string | undefined {
  if (result.errors.length) return `run error: ${result.errors.map((e) => e.message).join('; ')}`;
  if (result.stages.length !== 1) return `the source has ${result.stages.length} stage results instead of 1`;
  const findings = result.stages.flatMap((s) => [...s.diagnostics, ...s.steps.flatMap((st) => st.errors)]);
  for (const f of findings) {
    const why = notADiagnostic(f);
    if (why) return why;
  }
  return undefined;
}

export function notADiagnostic(finding: unknown): string | undefined {
  if (!(finding instanceof YiptsError)) return `not a YiptsError: ${String(finding)}`;
  if (!isKnownCode(finding.code)) return `undocumented code \`${finding.code}\`: ${finding.message}`;
  if (finding.file === undefined) return `no file: ${finding.message}`;
  if (LEAKS.test(finding.reason)) return `message leaks the implementation: ${finding.reason}`;
  return undefined;
}

/** Why an output of the real CLI (`yip -a FILE`) is a crash, or undefined. */
export function cliCrash(status: number | null, stdout: string, stderr: string): string | undefined {
  if (status !== 0) return `exit status ${status}: ${stderr.slice(0, 300)}`;
  if (!stdout.startsWith('stage ')) return `no analysis printed: ${stdout.slice(0, 200)}`;
  if (/\n\s+at .+:\d+:\d+\)?\n/.test(stderr) || LEAKS.test(stderr.replace(/\S*\.ya?ml\S*/g, ''))) return `stderr: ${stderr.slice(0, 300)}`;
  return undefined;
}
