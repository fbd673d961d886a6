/**
 * Plan mode of `downloads`: the fetch that would happen. With `--fetch` (the plan's `fetch`
 * option) the URL is fetched into memory and compared with the file in the root, so the plan
 * shows the file's diff; the file is never written.
 */
import { fileChange, newDirectories } from '@yipts/core';
import type { ActionContext, Change, DownloadSpec } from '@yipts/core';
import { missingParents, readPathState, resolveOwnerString } from '@yipts/system';
import { isDirectoryTarget, fileInDirectory } from './target.js';

export async function planDownloads(entries: readonly DownloadSpec[], ctx: ActionContext, defaultMode: number): Promise<Change[]> {
  const changes: Change[] = [];
  for (const entry of entries) {
    try {
      if (!entry.url) throw new Error('the entry has no `url`');
      if (!entry.path) throw new Error('the entry has no `path`');
      changes.push({ kind: 'fetch', url: entry.url, target: entry.path });
      if (ctx.run.options.plan?.fetch)
        changes.push(...(await fetchedChange(entry as DownloadSpec & { url: string; path: string }, ctx, defaultMode)));
    } catch (error) {
      ctx.report(
        new Error(`download ${entry.url || '(no url)'} to ${entry.path || '(no path)'}: ${(error as Error).message}`, { cause: error }),
      );
    }
  }
  return changes;
}

async function fetchedChange(
  entry: DownloadSpec & { url: string; path: string },
  ctx: ActionContext,
  defaultMode: number,
): Promise<Change[]> {
  const root = ctx.run.options.root;
  const url = new URL(entry.url);
  const response = await fetch(url, { signal: ctx.signal });
  if (!response.ok) throw new Error(`HTTP ${response.status} ${response.statusText}`);
  const content = Buffer.from(await response.arrayBuffer());
  const path = (await isDirectoryTarget(root, entry.path))
    ? fileInDirectory(entry.path, url, response.headers.get('content-disposition'))
    : entry.path;
  const owner = entry.ownerstring
    ? await resolveOwnerString(root, entry.ownerstring)
    : entry.owner !== undefined || entry.group !== undefined
      ? { uid: entry.owner ?? 0, gid: entry.group ?? 0 }
      : {};
  const mode = entry.permissions ?? defaultMode;
  return [
    ...newDirectories(await missingParents(root, path), { mode: 0o755 }),
    ...fileChange(await readPathState(root, path), { path, content, mode, ...owner }),
  ];
}
