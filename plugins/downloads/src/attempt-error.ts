/** Why an attempt failed, and whether trying again may help. */
export class AttemptError extends Error {
  override name = 'AttemptError';
  readonly code = 'download';
  constructor(
    message: string,
    readonly retryable: boolean,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
