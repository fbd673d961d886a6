import type { Position } from './node.js';

export type Severity = 'error' | 'warning';

/** A finding about a config file: where it is and what is wrong. */
export interface Diagnostic {
  readonly severity: Severity;
  readonly message: string;
  readonly file: string;
  readonly line?: number;
  readonly col?: number;
  /** The step the finding belongs to, once step ids are known. */
  readonly stepId?: string;
  /** Stable machine-readable code, e.g. `unknown-key`, `type`, `yaml`. */
  readonly code: string;
}

export function diagnostic(severity: Severity, code: string, message: string, file: string, pos?: Position): Diagnostic {
  return pos ? { severity, code, message, file, line: pos.line, col: pos.col } : { severity, code, message, file };
}

/** `file:line:col` as editors and compilers print it. */
export function formatLocation(d: { file: string; line?: number | undefined; col?: number | undefined }): string {
  if (d.line === undefined) return d.file;
  return d.col === undefined ? `${d.file}:${d.line}` : `${d.file}:${d.line}:${d.col}`;
}
