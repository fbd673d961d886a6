/** Fetching a published key list, bounded in time and size, with errors that say what failed. */
import type { AuthorizedKeysOptions } from './options.js';
import { DEFAULT_FETCH_TIMEOUT_MS, MAX_KEYS_BYTES } from './options.js';

export async function fetchKeys(url: string, label: string, options: AuthorizedKeysOptions, signal?: AbortSignal): Promise<string> {
  const timeoutMs = options.fetchTimeoutMs ?? DEFAULT_FETCH_TIMEOUT_MS;
  const timeout = AbortSignal.timeout(timeoutMs);
  const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
  const where = label === url ? url : `${label} (${url})`;
  try {
    const response = await fetch(url, { signal: combined, redirect: 'follow', headers: { accept: 'text/plain' } });
    if (!response.ok) {
      await response.body?.cancel().catch(() => {});
      throw new Error(`HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`);
    }
    const body = await response.arrayBuffer();
    if (body.byteLength > MAX_KEYS_BYTES) throw new Error(`answer larger than ${MAX_KEYS_BYTES} bytes`);
    return new TextDecoder().decode(body);
  } catch (error) {
    const reason = timeout.aborted ? `timed out after ${timeoutMs} ms` : signal?.aborted ? 'interrupted' : describeFetchError(error);
    throw new Error(`fetching keys of ${where}: ${reason}`, { cause: error });
  }
}

/** Node's fetch says "fetch failed" and hides the reason (refused, DNS...) in `cause`. */
function describeFetchError(error: unknown): string {
  const e = error as Error & { cause?: { code?: string; message?: string } };
  if (e.message === 'fetch failed' && e.cause) return e.cause.code ? `${e.cause.code} ${e.cause.message ?? ''}`.trim() : String(e.cause.message);
  return e.message;
}
