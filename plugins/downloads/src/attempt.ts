/**
 * One attempt at one download: the body is streamed into a temporary file next to the target,
 * hashed on the way, and renamed over the target only when complete and verified. Whatever goes
 * wrong, the temporary file is removed: the target is either the old file or the new one.
 */
import type { Hash } from 'node:crypto';
import { resolveInRoot, uniqueSuffix } from '@yipts/system';
import { AttemptError } from './attempt-error.js';
import { mkdir, open, rename, unlink } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { posix } from 'node:path';
import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import type { Checksum } from './checksum.js';
import { hasherFor } from './hasher.js';
import { fileInDirectory } from './target.js';


export interface AttemptRequest {
  readonly url: URL;
  readonly root: string;
  /** The configured path, inside the root. */
  readonly path: string;
  readonly directory: boolean;
  readonly checksum?: Checksum | undefined;
  readonly mode: number;
  readonly owner?: { readonly uid: number; readonly gid: number } | undefined;
  /** Limit for the whole attempt; 0: none. */
  readonly timeoutMs: number;
  /** Limit for a silence (no response, no bytes); 0: none. */
  readonly idleTimeoutMs: number;
  readonly signal: AbortSignal;
  readonly userAgent: string;
}

export interface AttemptResult {
  /** Where the file was written, inside the root. */
  readonly path: string;
  readonly bytes: number;
}

/** HTTP statuses worth another attempt: the server may answer differently in a moment. */
function retryableStatus(status: number): boolean {
  return status >= 500 || status === 408 || status === 429;
}

export async function attemptDownload(req: AttemptRequest): Promise<AttemptResult> {
  const controller = new AbortController();
  let why: AttemptError | undefined;
  const stop = (error: AttemptError) => {
    why ??= error;
    controller.abort(error);
  };
  const onAbort = () => stop(new AttemptError('interrupted', false));
  if (req.signal.aborted) throw new AttemptError('interrupted', false);
  req.signal.addEventListener('abort', onAbort, { once: true });
  const total = req.timeoutMs > 0 ? setTimeout(() => stop(new AttemptError(`timed out after ${seconds(req.timeoutMs)}`, true)), req.timeoutMs) : undefined;
  let idle: NodeJS.Timeout | undefined;
  const touch = () => {
    if (req.idleTimeoutMs <= 0) return;
    clearTimeout(idle);
    idle = setTimeout(() => stop(new AttemptError(`no data for ${seconds(req.idleTimeoutMs)}`, true)), req.idleTimeoutMs);
  };
  let tmp: string | undefined;
  let handle: FileHandle | undefined;
  try {
    touch();
    const response = await fetch(req.url, { signal: controller.signal, redirect: 'follow', headers: { 'user-agent': req.userAgent } });
    if (!response.ok) {
      await response.body?.cancel().catch(() => {});
      throw new AttemptError(`HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`, retryableStatus(response.status));
    }
    const finalUrl = response.url ? new URL(response.url) : req.url;
    const inside = req.directory ? fileInDirectory(req.path, finalUrl, response.headers.get('content-disposition')) : req.path;
    const target = await resolveInRoot(req.root, inside);
    await mkdir(posix.dirname(target), { recursive: true, mode: 0o755 });
    tmp = posix.join(posix.dirname(target), `.${posix.basename(target)}.yipts-download-${uniqueSuffix()}`);
    handle = await open(tmp, 'wx', 0o600);
    const hash: Hash | undefined = req.checksum ? hasherFor(req.checksum) : undefined;
    let bytes = 0;
    if (response.body) {
      for await (const chunk of Readable.fromWeb(response.body as WebReadableStream<Uint8Array>)) {
        const data = chunk as Uint8Array;
        touch();
        hash?.update(data);
        await handle.write(data);
        bytes += data.length;
      }
    }
    const expected = response.headers.get('content-length');
    if (expected !== null && response.headers.get('content-encoding') === null && Number(expected) !== bytes) {
      throw new AttemptError(`the transfer ended after ${bytes} of ${expected} bytes`, true);
    }
    if (req.checksum && hash) {
      const actual = hash.digest('hex');
      if (actual !== req.checksum.hex) throw new AttemptError(`checksum mismatch: expected ${req.checksum.algorithm}:${req.checksum.hex}, got ${req.checksum.algorithm}:${actual}`, false);
    }
    await handle.chmod(req.mode);
    if (req.owner) await handle.chown(req.owner.uid, req.owner.gid);
    await handle.sync();
    await handle.close();
    handle = undefined;
    // Resolved again: a link swapped in meanwhile must not carry the file out of the root.
    const final = await resolveInRoot(req.root, inside);
    await rename(tmp, final);
    tmp = undefined;
    await syncDirectory(posix.dirname(final));
    return { path: inside, bytes };
  } catch (error) {
    if (why) throw why;
    if (error instanceof AttemptError) throw error;
    throw classify(error);
  } finally {
    clearTimeout(total);
    clearTimeout(idle);
    req.signal.removeEventListener('abort', onAbort);
    await handle?.close().catch(() => {});
    if (tmp) await unlink(tmp).catch(() => {});
  }
}

/** Network failures may pass; local ones (disk full, permissions) will not by waiting. */
function classify(error: unknown): AttemptError {
  const e = error as NodeJS.ErrnoException & { cause?: NodeJS.ErrnoException };
  if (e instanceof TypeError || e?.name === 'AbortError' || e?.cause?.code) {
    const detail = e.cause?.message ?? e.message;
    return new AttemptError(`cannot fetch: ${detail}`, true, { cause: error });
  }
  return new AttemptError(e?.message ?? String(error), false, { cause: error });
}

async function syncDirectory(dir: string): Promise<void> {
  const h = await open(dir, 'r').catch(() => undefined);
  await h?.sync().catch(() => {});
  await h?.close();
}

function seconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000}s` : `${(ms / 1000).toFixed(1)}s`;
}
