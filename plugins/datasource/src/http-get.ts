/**
 * One GET to a metadata service. node:http rather than fetch because Scaleway only hands user
 * data to a privileged source port, which fetch cannot choose. Every request has a deadline:
 * on a machine that is not in that cloud the address simply does not answer.
 */
import { request as httpRequest } from 'node:http';
import type { IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';

export interface GetOptions {
  readonly timeoutMs: number;
  readonly signal?: AbortSignal;
  readonly headers?: Readonly<Record<string, string>>;
  readonly localPort?: number;
}

/** A non-200 answer: the service is there but has no such entry. */
export class HttpStatusError extends Error {
  override name = 'HttpStatusError';
  readonly code = 'http-status';
  constructor(readonly url: string, readonly status: number) {
    super(`GET ${url}: status ${status}`);
  }
}

export function httpGet(url: string, options: GetOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const parsed = new URL(url);
    const request = parsed.protocol === 'https:' ? httpsRequest : httpRequest;
    const signals = [AbortSignal.timeout(options.timeoutMs), ...(options.signal ? [options.signal] : [])];
    const signal = AbortSignal.any(signals);
    if (signal.aborted) return reject(abortError(url, options, signal));
    const req = request(parsed, { method: 'GET', headers: { ...options.headers }, signal, agent: false, ...(options.localPort ? { localPort: options.localPort } : {}) }, (res: IncomingMessage) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', (e) => reject(wrap(url, e, options, signal)));
      res.on('end', () => {
        if (res.statusCode !== 200) reject(new HttpStatusError(url, res.statusCode ?? 0));
        else resolve(Buffer.concat(chunks));
      });
    });
    req.on('error', (e) => reject(wrap(url, e, options, signal)));
    req.end();
  });
}

function abortError(url: string, options: GetOptions, signal: AbortSignal): Error {
  const timedOut = !options.signal?.aborted && signal.aborted;
  return new Error(timedOut ? `GET ${url}: no answer within ${options.timeoutMs} ms` : `GET ${url}: cancelled`);
}

function wrap(url: string, error: Error, options: GetOptions, signal: AbortSignal): Error {
  if (signal.aborted) return abortError(url, options, signal);
  return new Error(`GET ${url}: ${error.message}`, { cause: error });
}
