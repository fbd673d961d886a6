/**
 * One attempt at one download: the body is streamed into a temporary file next to the target,
 * hashed on the way, and renamed over the target only when complete and verified. Whatever goes
 * wrong, the temporary file is removed: the target is either the old file or the new one.
 * HTTP (time limits, credentials of the URL, redirects) is @yipts/http's; a failure that may pass
 * is a retryable HttpError, anything else (checksum, disk) is final.
 */
import type { Hash } from 'node:crypto';
import { headerValue, HttpError, HttpStatusError, httpRequest, redactUrl } from '@yipts/http';
import { resolveInRoot, sweepStaleTemporariesOnce, uniqueSuffix } from '@yipts/system';
import { mkdir, open, rename, unlink } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { posix } from 'node:path';
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

export async function attemptDownload(req: AttemptRequest): Promise<AttemptResult> {
  const where = `GET ${redactUrl(req.url)}`;
  const response = await httpRequest(req.url, {
    headers: { 'user-agent': req.userAgent },
    timeoutMs: req.timeoutMs,
    idleTimeoutMs: req.idleTimeoutMs,
    signal: req.signal,
  });
  let tmp: string | undefined;
  let handle: FileHandle | undefined;
  try {
    if (response.status < 200 || response.status > 299) throw new HttpStatusError(where, response.status, response.statusText);
    const inside = req.directory
      ? fileInDirectory(req.path, response.url, headerValue(response.headers['content-disposition']) ?? null)
      : req.path;
    const target = await resolveInRoot(req.root, inside);
    await mkdir(posix.dirname(target), { recursive: true, mode: 0o755 });
    sweepStaleTemporariesOnce(posix.dirname(target));
    tmp = posix.join(posix.dirname(target), `.${posix.basename(target)}.yipts-download-${uniqueSuffix()}`);
    handle = await open(tmp, 'wx', 0o600);
    const hash: Hash | undefined = req.checksum ? hasherFor(req.checksum) : undefined;
    let bytes = 0;
    try {
      for await (const chunk of response.body) {
        const data = chunk as Buffer;
        hash?.update(data);
        await handle.write(data);
        bytes += data.length;
      }
    } catch (error) {
      if (error instanceof HttpError) throw error;
      throw new HttpError(where, `transfer cut: ${(error as Error).message}`, true, { cause: error });
    }
    const expected = headerValue(response.headers['content-length']);
    if (expected !== undefined && Number(expected) !== bytes)
      throw new HttpError(where, `the transfer ended after ${bytes} of ${expected} bytes`, true);
    if (req.checksum && hash) {
      const actual = hash.digest('hex');
      if (actual !== req.checksum.hex)
        throw new Error(
          `checksum mismatch: expected ${req.checksum.algorithm}:${req.checksum.hex}, got ${req.checksum.algorithm}:${actual}`,
        );
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
  } finally {
    response.body.destroy();
    await handle?.close().catch(() => {});
    if (tmp) await unlink(tmp).catch(() => {});
  }
}

async function syncDirectory(dir: string): Promise<void> {
  const h = await open(dir, 'r').catch(() => undefined);
  await h?.sync().catch(() => {});
  await h?.close();
}
