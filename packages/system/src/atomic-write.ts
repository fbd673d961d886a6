/**
 * Writes a file so that readers see the old content or the new one, never half of it: a
 * temporary file in the same directory, written and fsync-ed, given its mode and owner, then
 * renamed over the target, and the directory fsync-ed so the rename survives a power cut.
 */
import { open, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { sweepStaleTemporariesOnce } from './stale-temporaries.js';
import { uniqueSuffix } from './unique-suffix.js';

export interface AtomicWriteOptions {
  readonly mode?: number;
  readonly uid?: number;
  readonly gid?: number;
}

export async function writeFileAtomic(path: string, data: string | Uint8Array, options: AtomicWriteOptions = {}): Promise<void> {
  const dir = dirname(path);
  sweepStaleTemporariesOnce(dir);
  const tmp = join(dir, `.${basename(path)}.yipts-${uniqueSuffix()}`);
  const handle = await open(tmp, 'wx', 0o600);
  try {
    try {
      await handle.writeFile(data);
      if (options.mode !== undefined) await handle.chmod(options.mode);
      if (options.uid !== undefined || options.gid !== undefined) await handle.chown(options.uid ?? -1, options.gid ?? -1);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tmp, path);
  } catch (error) {
    await unlink(tmp).catch(() => {});
    throw error;
  }
  await syncDir(dir);
}

async function syncDir(dir: string): Promise<void> {
  const handle = await open(dir, 'r').catch(() => undefined);
  if (!handle) return;
  try {
    await handle.sync();
  } catch {
    // Some filesystems (tmpfs on old kernels, overlays) refuse fsync on directories; the data is already safe.
  } finally {
    await handle.close();
  }
}
