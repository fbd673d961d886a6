/**
 * A pull-only client of the Distribution API (`/v2/<repo>/manifests/<ref>`, `/v2/<repo>/blobs/<digest>`):
 * answers a 401 challenge once (Basic or Bearer token), retries failures that may pass, stops
 * a request that goes silent, and checks every blob against its digest.
 */
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { basicHeader, parseChallenge } from './auth.js';
import type { Credentials } from './auth.js';
import type { ImageReference } from './reference.js';

export interface RegistryClientOptions {
  /** Hosts (host or host:port) that may be reached over plain http besides loopback ones. */
  readonly insecureRegistries: readonly string[];
  readonly credentials: Credentials | undefined;
  /** A request fails after this long without a response or a byte (0: never). */
  readonly idleTimeoutMs: number;
  /** Attempts after the first on network errors, 5xx, 408 and 429. */
  readonly retries: number;
  readonly signal: AbortSignal;
  readonly userAgent: string;
}

export interface Descriptor {
  readonly mediaType?: string;
  readonly digest: string;
  readonly size?: number;
}

export class RegistryError extends Error {
  override name = 'RegistryError';
  readonly code = 'registry';
  constructor(message: string, readonly status?: number, readonly retryable = false) {
    super(message);
  }
}

const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])(?::\d+)?$/;

export function isLoopbackRegistry(host: string): boolean {
  return LOOPBACK.test(host);
}

export function schemeFor(host: string, insecure: readonly string[]): 'http' | 'https' {
  return isLoopbackRegistry(host) || insecure.includes(host) ? 'http' : 'https';
}

export class RegistryClient {
  private authorization: string | undefined;
  private readonly base: string;

  constructor(private readonly ref: ImageReference, private readonly options: RegistryClientOptions) {
    this.base = `${schemeFor(ref.registry, options.insecureRegistries)}://${ref.registry}/v2/${ref.repository}`;
  }

  /** The manifest's bytes and media type (from the document, else the Content-Type). */
  async manifest(reference: string, accept: readonly string[]): Promise<{ body: Buffer; mediaType: string }> {
    const url = `${this.base}/manifests/${reference}`;
    return this.withRetries(async () => {
      const { response, idle } = await this.get(url, { accept: accept.join(', ') });
      try {
        let body: Buffer;
        try {
          body = Buffer.from(await response.arrayBuffer());
        } catch (error) {
          throw idle.reason() ?? new RegistryError(`transfer cut: ${causeText(error)}`, undefined, true);
        }
        return { body, mediaType: response.headers.get('content-type')?.split(';')[0]?.trim() ?? '' };
      } finally {
        idle.stop();
      }
    });
  }

  /** Streams a blob into `file`, failing unless its digest and size are those of the descriptor. */
  async downloadBlob(descriptor: Descriptor, file: string): Promise<void> {
    const [algorithm, expected] = splitDigest(descriptor.digest);
    const url = `${this.base}/blobs/${descriptor.digest}`;
    await this.withRetries(async () => {
      const { response, idle } = await this.get(url, {});
      try {
        if (!response.body) throw new RegistryError('empty response');
        const hash = createHash(algorithm);
        let size = 0;
        const meter = new Transform({
          transform(chunk: Buffer, _enc, done) {
            idle.touch();
            hash.update(chunk);
            size += chunk.length;
            done(null, chunk);
          },
        });
        try {
          await pipeline(Readable.fromWeb(response.body as WebReadableStream<Uint8Array>), meter, createWriteStream(file));
        } catch (error) {
          throw idle.reason() ?? new RegistryError(`transfer cut: ${(error as Error).message}`, undefined, true);
        }
        const actual = hash.digest('hex');
        if (actual !== expected) throw new RegistryError(`digest mismatch: expected ${descriptor.digest}, got ${algorithm}:${actual}`);
        if (descriptor.size !== undefined && size !== descriptor.size) throw new RegistryError(`size mismatch: expected ${descriptor.size} bytes, got ${size}`);
      } finally {
        idle.stop();
      }
    });
  }

  private async withRetries<T>(attempt: () => Promise<T>): Promise<T> {
    for (let n = 0; ; n++) {
      try {
        return await attempt();
      } catch (error) {
        const retryable = error instanceof RegistryError && error.retryable;
        if (!retryable || n >= this.options.retries || this.options.signal.aborted) throw error;
        await new Promise((r) => setTimeout(r, 250 * 2 ** n));
      }
    }
  }

  /** One GET; a 401 is answered once with credentials or a token, any other non-2xx is an error. */
  private async get(url: string, headers: Record<string, string>): Promise<{ response: Response; idle: IdleTimer }> {
    let { response, idle } = await this.send(url, headers);
    if (response.status === 401) {
      idle.stop();
      await response.body?.cancel();
      await this.authenticate(response.headers.get('www-authenticate'));
      ({ response, idle } = await this.send(url, headers));
    }
    if (!response.ok) {
      idle.stop();
      const detail = await registryErrorText(response);
      const retryable = response.status >= 500 || response.status === 408 || response.status === 429;
      throw new RegistryError(`${response.status} ${response.statusText || 'error'}${detail ? `: ${detail}` : ''}`, response.status, retryable);
    }
    return { response, idle };
  }

  private async send(url: string, headers: Record<string, string>): Promise<{ response: Response; idle: IdleTimer }> {
    const idle = new IdleTimer(this.options.idleTimeoutMs, this.options.signal);
    const all: Record<string, string> = { 'user-agent': this.options.userAgent, ...headers };
    if (this.authorization) all.authorization = this.authorization;
    try {
      const response = await fetch(url, { headers: all, signal: idle.signal, redirect: 'follow' });
      idle.touch();
      return { response, idle };
    } catch (error) {
      idle.stop();
      throw idle.reason() ?? new RegistryError(`cannot reach ${new URL(url).host}: ${causeText(error)}`, undefined, true);
    }
  }

  private async authenticate(header: string | null): Promise<void> {
    if (!header) throw new RegistryError('401 Unauthorized without a WWW-Authenticate challenge', 401);
    const challenge = parseChallenge(header);
    const credentials = this.options.credentials;
    if (challenge.scheme === 'basic') {
      if (!credentials) throw new RegistryError(`401 Unauthorized: ${this.ref.registry} wants credentials and none are configured`, 401);
      this.authorization = basicHeader(credentials);
      return;
    }
    if (challenge.scheme !== 'bearer') throw new RegistryError(`401 Unauthorized: unsupported authentication scheme "${challenge.scheme}"`, 401);
    const realm = challenge.params.realm;
    if (!realm) throw new RegistryError('401 Unauthorized: Bearer challenge without a realm', 401);
    let tokenUrl: URL;
    try {
      tokenUrl = new URL(realm);
    } catch {
      throw new RegistryError(`token realm "${realm}" is not a URL`, 401);
    }
    if (tokenUrl.protocol === 'http:' && schemeFor(tokenUrl.host, this.options.insecureRegistries) !== 'http') throw new RegistryError(`token realm ${realm} is plain http on a host that is neither loopback nor insecure`, 401);
    if (challenge.params.service) tokenUrl.searchParams.set('service', challenge.params.service);
    tokenUrl.searchParams.set('scope', challenge.params.scope ?? `repository:${this.ref.repository}:pull`);
    const saved = this.authorization;
    this.authorization = credentials ? basicHeader(credentials) : undefined;
    let response: Response;
    let idle: IdleTimer;
    try {
      ({ response, idle } = await this.send(tokenUrl.href, { accept: 'application/json' }));
    } finally {
      this.authorization = saved;
    }
    try {
      if (!response.ok) throw new RegistryError(`token request to ${tokenUrl.origin}${tokenUrl.pathname}: ${response.status} ${response.statusText}`, response.status);
      const json = (await response.json().catch(() => ({}))) as { token?: string; access_token?: string };
      const token = json.token ?? json.access_token;
      if (!token) throw new RegistryError(`token request to ${tokenUrl.origin}${tokenUrl.pathname}: no token in the answer`);
      this.authorization = `Bearer ${token}`;
    } finally {
      idle.stop();
    }
  }
}

export function splitDigest(digest: string): ['sha256' | 'sha512', string] {
  const m = /^(sha256|sha512):([a-f0-9]+)$/.exec(digest);
  if (!m || m[2]!.length !== (m[1] === 'sha256' ? 64 : 128)) throw new RegistryError(`unsupported or malformed digest "${digest}"`);
  return [m[1] as 'sha256' | 'sha512', m[2]!];
}

export function digestOf(bytes: Buffer, algorithm: 'sha256' | 'sha512' = 'sha256'): string {
  return `${algorithm}:${createHash(algorithm).update(bytes).digest('hex')}`;
}

async function registryErrorText(response: Response): Promise<string> {
  const text = await response.text().catch(() => '');
  try {
    const json = JSON.parse(text) as { errors?: { code?: string; message?: string }[] };
    const parts = (json.errors ?? []).map((e) => [e.code, e.message].filter(Boolean).join(' '));
    if (parts.length) return parts.join('; ');
  } catch {
    // not the registry's JSON error document
  }
  return text.trim().slice(0, 200);
}

function causeText(error: unknown): string {
  const e = error as Error & { cause?: Error & { code?: string } };
  return e.cause?.code ?? e.cause?.message ?? e.message;
}

/** Aborts a request when nothing arrives for `ms`, or when the run's signal fires. */
class IdleTimer {
  private readonly controller = new AbortController();
  private timer: NodeJS.Timeout | undefined;
  private timedOut = false;
  private readonly onAbort = () => this.controller.abort(this.outer.reason);
  readonly signal = this.controller.signal;

  constructor(private readonly ms: number, private readonly outer: AbortSignal) {
    if (outer.aborted) this.controller.abort(outer.reason);
    else outer.addEventListener('abort', this.onAbort, { once: true });
    this.touch();
  }

  touch(): void {
    if (!this.ms) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timedOut = true;
      this.controller.abort();
    }, this.ms);
  }

  stop(): void {
    clearTimeout(this.timer);
    this.outer.removeEventListener('abort', this.onAbort);
  }

  /** Why the request was stopped by us, if it was. */
  reason(): RegistryError | undefined {
    if (this.timedOut) return new RegistryError(`no data for ${this.ms} ms`, undefined, true);
    if (this.outer.aborted) return new RegistryError(`stopped: ${causeText(this.outer.reason) || 'aborted'}`);
    return undefined;
  }
}
