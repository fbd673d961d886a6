import { HttpError } from './errors.js';

export interface RetryOptions {
  /** Attempts after the first one (default 0). */
  readonly retries?: number;
  /** First wait between attempts, doubled each time (default 1 s). */
  readonly backoffMs?: number;
  /** Longest wait between attempts (default 30 s). */
  readonly maxBackoffMs?: number;
  readonly signal?: AbortSignal;
  /** Told before each wait, e.g. to log a warning. */
  readonly onRetry?: (error: HttpError, attempt: number, waitMs: number) => void;
}

/** Waiting before attempt `attempt + 1`: doubling from `baseMs`, capped. */
export function backoffDelay(attempt: number, baseMs: number, maxMs: number): number {
  return Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
}

/**
 * Runs `attempt` until it succeeds, fails with an error that is not a retryable HttpError, the
 * retries are spent or the signal fires. The last error is thrown; `attempts` tells how many ran.
 */
export async function withRetries<T>(attempt: (n: number) => Promise<T>, options: RetryOptions): Promise<T> {
  const retries = Math.max(0, options.retries ?? 0);
  for (let n = 1; ; n++) {
    try {
      return await attempt(n);
    } catch (error) {
      const retryable = error instanceof HttpError && error.retryable;
      if (!retryable || n > retries || options.signal?.aborted) {
        if (n > 1 && error instanceof Error) error.message += ` (attempt ${n} of ${retries + 1})`;
        throw error;
      }
      const wait = backoffDelay(n, options.backoffMs ?? 1000, options.maxBackoffMs ?? 30_000);
      options.onRetry?.(error, n, wait);
      await sleep(wait, options.signal);
    }
  }
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new HttpError('', 'interrupted', false));
    const onAbort = () => {
      clearTimeout(timer);
      reject(new HttpError('', 'interrupted', false));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
