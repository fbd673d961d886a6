/** Why an HTTP exchange failed, with the URL already redacted, and whether another try may help. */
export class HttpError extends Error {
  override name = 'HttpError';
  /** The engine reports a thrown error under its `code`. */
  readonly code: string = 'http';
  /** The HTTP status when the server answered, else undefined. */
  readonly status: number | undefined;

  constructor(
    /** What was attempted: `GET <redacted URL>`. */
    readonly where: string,
    /** What went wrong, without `where`. */
    readonly reason: string,
    /** Network failures, time limits, 5xx, 408 and 429 may pass; the rest will not by waiting. */
    readonly retryable: boolean,
    options?: { cause?: unknown; status?: number },
  ) {
    super(where ? `${where}: ${reason}` : reason, options?.cause === undefined ? undefined : { cause: options.cause });
    this.status = options?.status;
  }
}

/** A non-2xx answer. */
export class HttpStatusError extends HttpError {
  override name = 'HttpStatusError';
  override readonly code: string = 'http-status';
  constructor(where: string, status: number, statusText: string) {
    super(where, `HTTP ${status}${statusText ? ` ${statusText}` : ''}`, retryableStatus(status), { status });
  }
}

/** Statuses worth another attempt: the server may answer differently in a moment. */
export function retryableStatus(status: number): boolean {
  return status >= 500 || status === 408 || status === 429;
}

/** Node names network failures by code (ECONNREFUSED, ENOTFOUND…); say the code and the message. */
export function networkReason(error: unknown): string {
  const e = error as NodeJS.ErrnoException & { cause?: NodeJS.ErrnoException };
  const inner = e.cause && typeof e.cause === 'object' ? e.cause : e;
  const message = inner.message ?? String(error);
  return inner.code && !message.includes(inner.code) ? `${inner.code} ${message}` : message;
}

/** An error's message without its `GET <url>: ` prefix, for callers whose message already names the URL. */
export function reasonOf(error: unknown): string {
  if (error instanceof HttpError && error.where && error.message.startsWith(`${error.where}: `))
    return error.message.slice(error.where.length + 2);
  return error instanceof Error ? error.message : String(error);
}

/** The first value of a response header (node gives some as lists). */
export function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
