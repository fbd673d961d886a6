/**
 * The one error model of yipts. Every finding — a YAML syntax error, a schema warning, a key no
 * plugin handles, a plugin that threw — is a `YiptsError`: a stable `code`, a severity, and
 * where it comes from (plugin, hook, file, line, column, step), with the original error kept
 * as `cause`. Results, the log and the command line all carry the same object.
 */
import type { AnyErrorCode } from './error-codes.js';

export type Severity = 'error' | 'warning';

export interface ErrorOrigin {
  code?: AnyErrorCode | undefined;
  severity?: Severity | undefined;
  plugin?: string | undefined;
  hook?: string | undefined;
  file?: string | undefined;
  line?: number | undefined;
  col?: number | undefined;
  stepId?: string | undefined;
}

export class YiptsError extends Error {
  override name = 'YiptsError';
  /** Stable machine-readable code (see ERROR_CODES), e.g. `type`, `yaml`, `plugin`. */
  readonly code: AnyErrorCode;
  readonly severity: Severity;
  readonly plugin: string | undefined;
  readonly hook: string | undefined;
  readonly file: string | undefined;
  readonly line: number | undefined;
  readonly col: number | undefined;
  readonly stepId: string | undefined;
  /** The message without the origin prefix. */
  readonly reason: string;

  constructor(reason: string, origin: ErrorOrigin = {}, options?: { cause?: unknown }) {
    super(composeMessage(reason, origin), options);
    this.reason = reason;
    this.code = origin.code ?? (origin.plugin ? 'plugin' : 'error');
    this.severity = origin.severity ?? 'error';
    this.plugin = origin.plugin;
    this.hook = origin.hook;
    this.file = origin.file;
    this.line = origin.line;
    this.col = origin.col;
    this.stepId = origin.stepId;
  }

  /** The same error with more of its origin known (the call site adds file and step); what it has wins. */
  withOrigin(origin: ErrorOrigin): YiptsError {
    // A code given by default (from the origin known so far) yields to the caller's.
    const defaulted = this.code === 'error' || this.code === 'plugin';
    const merged: ErrorOrigin = {
      code: defaulted ? origin.code : this.code,
      severity: this.severity,
      plugin: this.plugin ?? origin.plugin,
      hook: this.hook ?? origin.hook,
      file: this.file ?? origin.file,
      line: this.line ?? origin.line,
      col: this.col ?? origin.col,
      stepId: this.stepId ?? origin.stepId,
    };
    // A subclass (CompositionError…) is itself the original error; a plain YiptsError passes its cause on.
    return new YiptsError(this.reason, merged, { cause: this.constructor === YiptsError ? this.cause : this });
  }

  /** Plain data for JSON logs and reports (an Error's own fields are not enumerable). */
  toJSON(): Record<string, unknown> {
    const { code, severity, reason, plugin, hook, file, line, col, stepId } = this;
    return { code, severity, message: reason, plugin, hook, file, line, col, stepId };
  }
}

function composeMessage(reason: string, o: ErrorOrigin): string {
  const parts: string[] = [];
  if (o.plugin) parts.push(`[${o.plugin}]`);
  if (o.hook) parts.push(`${o.hook}:`);
  return parts.length ? `${parts.join(' ')} ${reason}` : reason;
}

export function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}

/** A code the thrown error carries itself: a YiptsError's, or a system error's (`ENOENT`, `EACCES`). */
function codeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^[A-Za-z][\w-]*$/.test(code) ? code : undefined;
}

/** Wraps anything thrown by a plugin, keeping it as `cause` and its code. */
export function toYiptsError(error: unknown, origin: ErrorOrigin): YiptsError {
  if (error instanceof YiptsError) return error.withOrigin(origin);
  const code = origin.code ?? codeOf(error);
  return new YiptsError(messageOf(error), code ? { ...origin, code } : origin, { cause: error });
}

/** Splits an AggregateError (several entries of one action failing) into its errors. */
export function flattenErrors(error: unknown): unknown[] {
  if (error instanceof AggregateError) return error.errors.flatMap(flattenErrors);
  return [error];
}
