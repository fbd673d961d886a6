/**
 * `files`: content decoded, rendered, written atomically with its mode and owner. A missing
 * parent directory is created with the file's mode plus the owner-execute bit (0640 gives 0740),
 * as yip does. Missing `permissions` means 0644 (yip wrote 0000); an explicit 0 is kept.
 *
 * The files of a step are staged as temporary files and committed in groups (flushed to disk in
 * parallel, then renamed in order): each file is still replaced atomically, and what is staged
 * before a rename stays bounded (STAGE_LIMIT_*). SIGINT/SIGTERM (the step's signal) stop the step
 * between two files: what is staged and not renamed is removed, the rest of the entries are
 * not written, and the step fails saying so.
 */
import type { ActionContext, FileSpec } from '@yipts/core';
import type { RootPath } from '@yipts/system';
import { AtomicWriteBatch, describeInRoot, openInRoot } from '@yipts/system';
import { fileContent } from './content.js';
import { ownershipOf } from './ownership.js';

export const DEFAULT_FILE_MODE = 0o644;

/** Staged bytes and files after which the group is committed before more is staged. */
export const STAGE_LIMIT_BYTES = 64 * 1024 * 1024;
export const STAGE_LIMIT_FILES = 256;

/** Longest stretch of staging without letting signals and timers in. */
const YIELD_EVERY_MS = 20;

export async function writeFiles(entries: readonly FileSpec[], ctx: ActionContext): Promise<void> {
  const root = ctx.run.options.root;
  const batch = new AtomicWriteBatch<FileSpec>();
  const fail = (entry: FileSpec, error: unknown) =>
    ctx.report(new Error(`file ${entry.path ?? '(no path)'}: ${(error as Error).message}`, { cause: error }));
  // Staged files dropped by a commit the signal interrupted; said once, with the rest.
  let dropped = 0;
  const interrupted = (count: number) => ctx.report(new Error(`interrupted: ${count} of ${entries.length} file(s) not written`));
  const commit = async () => {
    const count = batch.size;
    const failures = await batch.commit(ctx.signal);
    if (ctx.signal.aborted && count > 0 && failures.length === count) dropped += count;
    else for (const failure of failures) fail(failure.key as FileSpec, failure.error);
  };
  let index = 0;
  let yielded = performance.now();
  try {
    for (; index < entries.length && !ctx.signal.aborted; index++) {
      // Staging is synchronous I/O behind promises that resolve at once: without a turn of the
      // event loop now and then, a SIGTERM would only be seen at the next commit.
      if (performance.now() - yielded > YIELD_EVERY_MS) {
        await new Promise((resolve) => setImmediate(resolve));
        yielded = performance.now();
        if (ctx.signal.aborted) break;
      }
      const entry = entries[index]!;
      if (batch.bytes >= STAGE_LIMIT_BYTES || batch.size >= STAGE_LIMIT_FILES) {
        await commit();
        if (ctx.signal.aborted) break;
      }
      try {
        if (!entry.path) throw new Error('a file entry has no `path`');
        const mode = entry.permissions ?? DEFAULT_FILE_MODE;
        const data = await fileContent(entry, ctx);
        const owner = await ownershipOf(root, entry);
        // Pinned by its parent directory until the batch renames it (inside a root); on the host,
        // plain path arithmetic.
        let target: RootPath;
        try {
          target = openInRoot(root, entry.path, { createParents: { mode: mode | 0o100 } });
        } catch (error) {
          throw describeInRoot(error);
        }
        const shown = target.inside;
        batch.stageIn(target, data, { mode, ...(owner ? { uid: owner.uid, gid: owner.gid } : {}) }, entry);
        ctx.logger.log('debug', `writing ${shown} (${data.length} bytes, mode ${mode.toString(8)})`);
      } catch (error) {
        fail(entry, error);
      }
    }
  } finally {
    if (!ctx.signal.aborted) await commit();
    if (ctx.signal.aborted) {
      const lost = dropped + batch.size + (entries.length - index);
      batch.abort();
      if (lost > 0) interrupted(lost);
    }
  }
}
