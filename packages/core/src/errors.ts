/**
 * Errors that reach the user say who failed, where, and why: the plugin, the hook, the source
 * file and the step, with the original error kept as `cause`.
 */
export interface ErrorOrigin {
  plugin?: string | undefined;
  hook?: string | undefined;
  file?: string | undefined;
  line?: number | undefined;
  col?: number | undefined;
  stepId?: string | undefined;
}

export class YiptsError extends Error {
  override name = 'YiptsError';
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
    this.plugin = origin.plugin;
    this.hook = origin.hook;
    this.file = origin.file;
    this.line = origin.line;
    this.col = origin.col;
    this.stepId = origin.stepId;
  }

  /** The same error with more of its origin known (the call site adds file and step). */
  withOrigin(origin: ErrorOrigin): YiptsError {
    const merged: ErrorOrigin = {
      plugin: this.plugin ?? origin.plugin,
      hook: this.hook ?? origin.hook,
      file: this.file ?? origin.file,
      line: this.line ?? origin.line,
      col: this.col ?? origin.col,
      stepId: this.stepId ?? origin.stepId,
    };
    return new YiptsError(this.reason, merged, { cause: this.cause });
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

/** Wraps anything thrown by a plugin, keeping it as `cause`. */
export function toYiptsError(error: unknown, origin: ErrorOrigin): YiptsError {
  if (error instanceof YiptsError) return error.withOrigin(origin);
  return new YiptsError(messageOf(error), origin, { cause: error });
}

/** Splits an AggregateError (several entries of one action failing) into its errors. */
export function flattenErrors(error: unknown): unknown[] {
  if (error instanceof AggregateError) return error.errors.flatMap(flattenErrors);
  return [error];
}
