import type { AnyErrorCode } from './error-codes.js';
import { YiptsError } from './errors.js';
import type { Severity } from './errors.js';
import type { Position } from './node.js';

export type { Severity } from './errors.js';

/**
 * A finding about a config file. It is a `YiptsError` like every other error (one model), with
 * the file always known: `code`, `severity`, `file`, `line`, `col` and, once step ids are known,
 * `stepId`.
 */
export type Diagnostic = YiptsError & { readonly file: string };

export function diagnostic(severity: Severity, code: AnyErrorCode, message: string, file: string, pos?: Position): Diagnostic {
  const at = pos && pos.line > 0 ? { line: pos.line, col: pos.col } : {};
  return new YiptsError(message, { severity, code, file, ...at }) as Diagnostic;
}

/** The same finding, attributed to a step. */
export function forStep(d: Diagnostic, stepId: string): Diagnostic {
  return d.withOrigin({ stepId }) as Diagnostic;
}

/** `file:line:col` as editors and compilers print it. */
export function formatLocation(d: { file: string; line?: number | undefined; col?: number | undefined }): string {
  if (d.line === undefined) return d.file;
  return d.col === undefined ? `${d.file}:${d.line}` : `${d.file}:${d.line}:${d.col}`;
}
