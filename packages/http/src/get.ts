import type { IncomingHttpHeaders } from 'node:http';
import { readBody } from './body.js';
import { HttpStatusError } from './errors.js';
import { redactUrl } from './redact.js';
import { httpRequest } from './request.js';
import type { HttpRequestOptions } from './request.js';
import { withRetries } from './retry.js';
import type { RetryOptions } from './retry.js';

export interface HttpGetOptions extends HttpRequestOptions, Omit<RetryOptions, 'signal'> {
  /** Largest body accepted (default 16 MiB). */
  readonly maxBytes?: number;
}

export interface HttpGetResult {
  readonly status: number;
  readonly url: URL;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
}

export const DEFAULT_MAX_BYTES = 16 * 1024 * 1024;

/** A whole GET: a 2xx body within the size cap, retried as asked; else an HttpError. */
export function httpGet(url: string | URL, options: HttpGetOptions = {}): Promise<HttpGetResult> {
  const where = `GET ${redactUrl(url)}`;
  return withRetries(async () => {
    const response = await httpRequest(url, options);
    if (response.status < 200 || response.status > 299) {
      response.body.resume();
      throw new HttpStatusError(where, response.status, response.statusText);
    }
    const body = await readBody(response.body, options.maxBytes ?? DEFAULT_MAX_BYTES, where);
    return { status: response.status, url: response.url, headers: response.headers, body };
  }, options);
}
