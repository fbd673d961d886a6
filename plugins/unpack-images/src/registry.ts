/**
 * A pull-only client of the Distribution API (`/v2/<repo>/manifests/<ref>`, `/v2/<repo>/blobs/<digest>`):
 * answers a 401 challenge once (Basic or Bearer token), retries failures that may pass, stops
 * a request that goes silent, and checks every blob against its digest. HTTP itself (time
 * limits, redirects to blob storage, retries with backoff) is @yipts/http's.
 */
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { headerValue, HttpError, httpRequest, readBody, retryableStatus, withRetries } from '@yipts/http';
import type { HttpResponse } from '@yipts/http';
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

/** A registry failure; a retryable one (network, silence, 5xx, 408, 429) is tried again. */
export class RegistryError extends HttpError {
  override readonly code: string = 'registry';
  override name = 'RegistryError';
  constructor(message: string, status?: number, retryable = false) {
    super('', message, retryable, status === undefined ? {} : { status });
  }
}

/** Largest manifest, index or token answer read. */
const MAX_DOCUMENT_BYTES = 8 * 1024 * 1024;

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

  constructor(
    private readonly ref: ImageReference,
    private readonly options: RegistryClientOptions,
  ) {
    this.base = `${schemeFor(ref.registry, options.insecureRegistries)}://${ref.registry}/v2/${ref.repository}`;
  }

  /** The manifest's bytes and media type (from the document, else the Content-Type). */
  async manifest(reference: string, accept: readonly string[]): Promise<{ body: Buffer; mediaType: string }> {
    const url = `${this.base}/manifests/${reference}`;
    return this.withRetries(async () => {
      const response = await this.get(url, { accept: accept.join(', ') });
      const body = await asRegistryError(() => readBody(response.body, MAX_DOCUMENT_BYTES, ''));
      return { body, mediaType: response.headers['content-type']?.split(';')[0]?.trim() ?? '' };
    });
  }

  /** Streams a blob into `file`, failing unless its digest and size are those of the descriptor. */
  async downloadBlob(descriptor: Descriptor, file: string): Promise<void> {
    const [algorithm, expected] = splitDigest(descriptor.digest);
    const url = `${this.base}/blobs/${descriptor.digest}`;
    await this.withRetries(async () => {
      const response = await this.get(url, {});
      const hash = createHash(algorithm);
      let size = 0;
      const meter = new Transform({
        transform(chunk: Buffer, _enc, done) {
          hash.update(chunk);
          size += chunk.length;
          done(null, chunk);
        },
      });
      await asRegistryError(() => pipeline(response.body, meter, createWriteStream(file)));
      const actual = hash.digest('hex');
      if (actual !== expected) throw new RegistryError(`digest mismatch: expected ${descriptor.digest}, got ${algorithm}:${actual}`);
      if (descriptor.size !== undefined && size !== descriptor.size)
        throw new RegistryError(`size mismatch: expected ${descriptor.size} bytes, got ${size}`);
    });
  }

  private withRetries<T>(attempt: () => Promise<T>): Promise<T> {
    return withRetries(attempt, { retries: this.options.retries, backoffMs: 250, maxBackoffMs: 8000, signal: this.options.signal });
  }

  /** One GET; a 401 is answered once with credentials or a token, any other non-2xx is an error. */
  private async get(url: string, headers: Record<string, string>): Promise<HttpResponse> {
    let response = await this.send(url, headers);
    if (response.status === 401) {
      response.body.resume();
      await this.authenticate(headerValue(response.headers['www-authenticate']) ?? null);
      response = await this.send(url, headers);
    }
    if (response.status < 200 || response.status > 299) {
      const detail = await registryErrorText(response);
      throw new RegistryError(
        `${response.status} ${response.statusText || 'error'}${detail ? `: ${detail}` : ''}`,
        response.status,
        retryableStatus(response.status),
      );
    }
    return response;
  }

  private send(url: string, headers: Record<string, string>): Promise<HttpResponse> {
    const all: Record<string, string> = { 'user-agent': this.options.userAgent, ...headers };
    if (this.authorization) all.authorization = this.authorization;
    return asRegistryError(() =>
      httpRequest(url, { headers: all, idleTimeoutMs: this.options.idleTimeoutMs, signal: this.options.signal }),
    );
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
    if (challenge.scheme !== 'bearer')
      throw new RegistryError(`401 Unauthorized: unsupported authentication scheme "${challenge.scheme}"`, 401);
    const realm = challenge.params.realm;
    if (!realm) throw new RegistryError('401 Unauthorized: Bearer challenge without a realm', 401);
    let tokenUrl: URL;
    try {
      tokenUrl = new URL(realm);
    } catch {
      throw new RegistryError(`token realm "${realm}" is not a URL`, 401);
    }
    if (tokenUrl.protocol === 'http:' && schemeFor(tokenUrl.host, this.options.insecureRegistries) !== 'http')
      throw new RegistryError(`token realm ${realm} is plain http on a host that is neither loopback nor insecure`, 401);
    if (challenge.params.service) tokenUrl.searchParams.set('service', challenge.params.service);
    tokenUrl.searchParams.set('scope', challenge.params.scope ?? `repository:${this.ref.repository}:pull`);
    const saved = this.authorization;
    this.authorization = credentials ? basicHeader(credentials) : undefined;
    let response: HttpResponse;
    try {
      response = await this.send(tokenUrl.href, { accept: 'application/json' });
    } finally {
      this.authorization = saved;
    }
    const where = `token request to ${tokenUrl.origin}${tokenUrl.pathname}`;
    if (response.status < 200 || response.status > 299) {
      response.body.resume();
      throw new RegistryError(`${where}: ${response.status} ${response.statusText}`, response.status);
    }
    const text = (await asRegistryError(() => readBody(response.body, MAX_DOCUMENT_BYTES, ''))).toString('utf8');
    let json: { token?: string; access_token?: string } = {};
    try {
      json = JSON.parse(text) as typeof json;
    } catch {
      // no token in it, said below
    }
    const token = json.token ?? json.access_token;
    if (!token) throw new RegistryError(`${where}: no token in the answer`);
    this.authorization = `Bearer ${token}`;
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

async function registryErrorText(response: HttpResponse): Promise<string> {
  const text = (await readBody(response.body, 64 * 1024, '').catch(() => Buffer.alloc(0))).toString('utf8');
  try {
    const json = JSON.parse(text) as { errors?: { code?: string; message?: string }[] };
    const parts = (json.errors ?? []).map((e) => [e.code, e.message].filter(Boolean).join(' '));
    if (parts.length) return parts.join('; ');
  } catch {
    // not the registry's JSON error document
  }
  return text.trim().slice(0, 200);
}

/** HTTP failures as registry errors, without the `GET <url>` prefix: the phase names the blob. */
async function asRegistryError<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof RegistryError || !(error instanceof HttpError)) {
      if (error instanceof HttpError) throw error;
      throw new RegistryError(`transfer cut: ${(error as Error).message}`, undefined, true);
    }
    const reason = error.where ? error.reason : error.message;
    const text = /^(ECONN|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH)/.test(reason) ? `cannot reach the registry: ${reason}` : reason;
    throw new RegistryError(text, error.status, error.retryable);
  }
}
