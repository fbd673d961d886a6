/**
 * One attempt at one download: the body is streamed into a temporary file next to the target,
 * hashed on the way, and renamed over the target only when complete and verified. Whatever goes
 * wrong, the temporary file is removed: the target is either the old file or the new one.
 * HTTP (time limits, credentials of the URL, redirects) is @yipts/http's; a failure that may pass
 * is a retryable HttpError, anything else (checksum, disk) is final.
 */
import type { Hash } from 'node:crypto';
import { headerValue, HttpError, HttpStatusError, httpRequest, redactUrl } from '@yipts/http';
import { describeInRoot, openInRoot, PARENT_DIRECTORY, sweepStaleTemporariesOnce, uniqueSuffix } from '@yipts/system';
import type { RootPath } from '@yipts/system';
import { open, rename, unlink } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
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
  let target: RootPath | undefined;
  try {
    if (response.status < 200 || response.status > 299) throw new HttpStatusError(where, response.status, response.statusText);
    const inside = req.directory
      ? fileInDirectory(req.path, response.url, headerValue(response.headers['content-disposition']) ?? null)
      : req.path;
    // Pinned by its parent directory (inside a root): the temporary file is made and renamed
    // there, whatever is swapped into the path meanwhile.
    target = openInRoot(req.root, inside, { createParents: PARENT_DIRECTORY });
    sweepStaleTemporariesOnce(target.parent);
    tmp = `${target.parent}/.${target.name}.yipts-download-${uniqueSuffix()}`;
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
    await rename(tmp, target.host);
    tmp = undefined;
    await syncDirectory(target.parent);
    return { path: inside, bytes };
  } catch (error) {
    throw describeInRoot(error);
  } finally {
    response.body.destroy();
    await handle?.close().catch(() => {});
    if (tmp) await unlink(tmp).catch(() => {});
    target?.close();
  }
}

async function syncDirectory(dir: string): Promise<void> {
  const h = await open(dir, 'r').catch(() => undefined);
  await h?.sync().catch(() => {});
  await h?.close();
}
