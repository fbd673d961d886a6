/**
 * `files`: content decoded, rendered, written atomically with its mode and owner. A missing
 * parent directory is created with the file's mode plus the owner-execute bit (0640 gives 0740),
 * as yip does. Missing `permissions` means 0644 (yip wrote 0000); an explicit 0 is kept.
 *
 * All files of a step are staged as temporary files first and committed together (flushed to
 * disk in parallel, then renamed in order): each file is still replaced atomically.
 */
import type { ActionContext, FileSpec } from '@yipts/core';
import { AtomicWriteBatch, insideRoot, resolveInRoot } from '@yipts/system';
import { dirname } from 'node:path';
import { fileContent } from './content.js';
import { makeDirectory } from './directories.js';
import { ownershipOf } from './ownership.js';

export const DEFAULT_FILE_MODE = 0o644;

export async function writeFiles(entries: readonly FileSpec[], ctx: ActionContext): Promise<void> {
  const root = ctx.run.options.root;
  const batch = new AtomicWriteBatch<FileSpec>();
  const fail = (entry: FileSpec, error: unknown) => ctx.report(new Error(`file ${entry.path ?? '(no path)'}: ${(error as Error).message}`, { cause: error }));
  try {
    for (const entry of entries) {
      try {
        if (!entry.path) throw new Error('a file entry has no `path`');
        const mode = entry.permissions ?? DEFAULT_FILE_MODE;
        const data = await fileContent(entry, ctx);
        const owner = await ownershipOf(root, entry);
        const target = await resolveInRoot(root, entry.path);
        const created = await makeDirectory(root, dirname(target), mode | 0o100);
        // Inside a root, a parent just created may sit where a link was meant to lead: resolve
        // again right before writing. On the host, resolving is plain path arithmetic.
        const final = created.length && root !== '/' ? await resolveInRoot(root, entry.path) : target;
        batch.stage(final, data, { mode, ...(owner ? { uid: owner.uid, gid: owner.gid } : {}) }, entry);
        ctx.logger.log('debug', `writing ${insideRoot(root, final)} (${data.length} bytes, mode ${mode.toString(8)})`);
      } catch (error) {
        fail(entry, error);
      }
    }
  } finally {
    for (const failure of await batch.commit()) fail(failure.key as FileSpec, failure.error);
  }
}
