// One HTTP exchange over node:http(s), redirects followed. node:http rather than fetch: fetch
// refuses URLs with credentials (yip sends them as basic authentication) and cannot choose the
// source port (a metadata service hands user data only to a privileged one).
import type { ClientRequest, IncomingHttpHeaders, IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';
import { HttpError, networkReason } from './errors.js';
import { redactUrl } from './redact.js';

export interface HttpRequestOptions {
  readonly headers?: Readonly<Record<string, string>>;
  /** Limit of the whole exchange, body included, in ms; 0 or undefined: none. */
  readonly timeoutMs?: number;
  /** Limit of a silence (no answer, no byte), in ms; 0 or undefined: none. */
  readonly idleTimeoutMs?: number;
  readonly signal?: AbortSignal;
  /** Source port of the connection. */
  readonly localPort?: number;
  /** Redirects followed before giving up (Go's client: 10). */
  readonly maxRedirects?: number;
}

export interface HttpResponse {
  readonly status: number;
  readonly statusText: string;
  /** Where the answer came from after redirects, without credentials. */
  readonly url: URL;
  readonly headers: IncomingHttpHeaders;
  /** The body; it fails with an HttpError when a limit or the signal stops the exchange. */
  readonly body: Readable;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/**
 * Sends a GET and resolves with the answer's head; the body streams. Credentials in the URL
 * become an `Authorization: Basic` header (kept across redirects on the same origin only) and
 * never appear in a message. Errors are HttpErrors naming the redacted URL.
 */
export async function httpRequest(url: string | URL, options: HttpRequestOptions = {}): Promise<HttpResponse> {
  let target = toUrl(url);
  const headers: Record<string, string> = lowerKeys(options.headers ?? {});
  const credentials = basicAuthorization(target);
  if (credentials && headers.authorization === undefined) headers.authorization = credentials;
  const origin = target.origin;
  const limits = new Limits(options);
  try {
    for (let redirects = 0; ; redirects++) {
      target = withoutCredentials(target);
      // Loaded with the first request, not at start-up (node:stream alone costs a few ms).
      const { request } = target.protocol === 'https:' ? await import('node:https') : await import('node:http');
      const response = await exchange(request, target, headers, options, limits);
      const location = response.headers.location;
      if (!REDIRECTS.has(response.status) || !location)
        return { ...response, body: limits.follow(response.body, await import('node:stream')) };
      response.body.resume();
      if (redirects >= (options.maxRedirects ?? 10))
        throw new HttpError(`GET ${redactUrl(target)}`, `stopped after ${redirects} redirects`, false);
      target = new URL(location, target);
      if (target.protocol !== 'http:' && target.protocol !== 'https:')
        throw new HttpError(`GET ${redactUrl(target)}`, 'redirect to an unsupported scheme', false);
      if (target.origin !== origin) delete headers.authorization;
    }
  } catch (error) {
    limits.stop();
    throw error;
  }
}

function toUrl(url: string | URL): URL {
  try {
    return new URL(url);
  } catch {
    throw new HttpError('', `\`${redactUrl(String(url))}\` is not a valid URL`, false);
  }
}

function lowerKeys(headers: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
}

/** `Basic base64(user:password)` from the URL's user info, percent-decoded as Go does. */
export function basicAuthorization(url: URL): string | undefined {
  if (!url.username && !url.password) return undefined;
  const decode = (s: string) => {
    try {
      return decodeURIComponent(s);
    } catch {
      return s;
    }
  };
  return `Basic ${Buffer.from(`${decode(url.username)}:${decode(url.password)}`).toString('base64')}`;
}

function withoutCredentials(url: URL): URL {
  if (!url.username && !url.password) return url;
  const copy = new URL(url.href);
  copy.username = '';
  copy.password = '';
  return copy;
}

type Send = typeof import('node:http').request;

function exchange(
  send: Send,
  url: URL,
  headers: Record<string, string>,
  options: HttpRequestOptions,
  limits: Limits,
): Promise<HttpResponse> {
  return new Promise((resolve, reject) => {
    const where = `GET ${redactUrl(url)}`;
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
      return reject(new HttpError(where, 'only http and https URLs can be fetched', false));
    const stopped = limits.reason(where);
    if (stopped) return reject(stopped);
    const req = send(
      url,
      { method: 'GET', headers, agent: false, ...(options.localPort ? { localPort: options.localPort } : {}) },
      (res: IncomingMessage) => {
        limits.touch();
        resolve({ status: res.statusCode ?? 0, statusText: res.statusMessage ?? '', url, headers: res.headers, body: res });
      },
    );
    limits.attach(req, where);
    req.on('error', (error) => reject(limits.reason(where) ?? new HttpError(where, networkReason(error), true, { cause: error })));
    req.end();
  });
}

/** The time limits and the signal of one exchange, from the first request to the body's end. */
class Limits {
  private total: NodeJS.Timeout | undefined;
  private idle: NodeJS.Timeout | undefined;
  private why: string | undefined;
  private retryable = false;
  private current: { destroy(error?: Error): void } | undefined;
  private where = '';
  private readonly onAbort = () => this.fire(abortReason(this.options.signal), false);

  constructor(private readonly options: HttpRequestOptions) {
    if (options.signal?.aborted) this.why = abortReason(options.signal);
    options.signal?.addEventListener('abort', this.onAbort, { once: true });
    if (options.timeoutMs) this.total = setTimeout(() => this.fire(`timed out after ${options.timeoutMs} ms`, true), options.timeoutMs);
    this.touch();
  }

  /** The error to report when a limit or the signal stopped the exchange. */
  reason(where: string): HttpError | undefined {
    return this.why ? new HttpError(where, this.why, this.retryable) : undefined;
  }

  attach(req: ClientRequest, where: string): void {
    this.current = req;
    this.where = where;
  }

  /**
   * The body as the caller reads it: each chunk restarts the idle timer, a limit or the signal
   * fails it, and the limits end with it. (A 'data' listener on the socket's stream would start
   * the flow before the caller reads.)
   */
  follow(body: Readable, { pipeline, Transform }: Pick<typeof import('node:stream'), 'pipeline' | 'Transform'>): Readable {
    const meter = new Transform({
      transform: (chunk: Buffer, _encoding, done) => {
        this.touch();
        done(null, chunk);
      },
    });
    pipeline(body, meter, () => this.stop());
    meter.once('close', () => this.stop());
    this.current = meter;
    return meter;
  }

  touch(): void {
    if (!this.options.idleTimeoutMs || this.why) return;
    clearTimeout(this.idle);
    this.idle = setTimeout(() => this.fire(`no data for ${this.options.idleTimeoutMs} ms`, true), this.options.idleTimeoutMs);
  }

  stop(): void {
    clearTimeout(this.total);
    clearTimeout(this.idle);
    this.options.signal?.removeEventListener('abort', this.onAbort);
  }

  private fire(why: string, retryable: boolean): void {
    if (this.why) return;
    this.why = why;
    this.retryable = retryable;
    this.stop();
    this.current?.destroy(this.reason(this.where));
  }
}

/** `interrupted` for a plain abort (SIGINT, SIGTERM); the reason when the caller gave one (a deadline). */
function abortReason(signal: AbortSignal | undefined): string {
  const reason = signal?.reason as { name?: string; message?: string } | undefined;
  return !reason || reason.name === 'AbortError' || !reason.message ? 'interrupted' : `stopped: ${reason.message}`;
}
