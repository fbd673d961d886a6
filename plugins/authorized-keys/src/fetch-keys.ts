/** Fetching a published key list, bounded in time and size, with errors that say what failed. */
import { httpGet, reasonOf, redactUrl } from '@yipts/http';
import type { AuthorizedKeysOptions } from './options.js';
import { DEFAULT_FETCH_TIMEOUT_MS, MAX_KEYS_BYTES } from './options.js';

/** The list's text; credentials in the URL go as basic authentication and are never printed. */
export async function fetchKeys(url: string, label: string, options: AuthorizedKeysOptions, signal?: AbortSignal): Promise<string> {
  const timeoutMs = options.fetchTimeoutMs ?? DEFAULT_FETCH_TIMEOUT_MS;
  const where = label === url ? redactUrl(url) : `${label} (${redactUrl(url)})`;
  try {
    const { body } = await httpGet(url, {
      timeoutMs,
      maxBytes: MAX_KEYS_BYTES,
      headers: { accept: 'text/plain' },
      ...(signal ? { signal } : {}),
    });
    return new TextDecoder().decode(body);
  } catch (error) {
    throw new Error(`fetching keys of ${where}: ${reasonOf(error)}`, { cause: error });
  }
}
