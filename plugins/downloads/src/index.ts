/**
 * `downloads`: each entry fetched over http(s) into the target root, with a time limit, a few
 * retries with backoff on failures that may pass (network errors, timeouts, 5xx, 408, 429), an
 * optional checksum verified while the bytes arrive, and an atomic write (on any failure no file
 * is left behind). Missing `permissions` means 0644; owner/group/ownerstring as for files.
 */
import { definePlugin, s, yipActions } from '@yipts/core';
import type { ActionContext, Infer, DownloadSpec, Plugin } from '@yipts/core';
import { reasonOf, redactUrl, withRetries } from '@yipts/http';
import { resolveOwnerString } from '@yipts/system';
import { planDownloads } from './plan.js';
import type { Checksum } from './checksum.js';
import { parseChecksum } from './checksum.js';
import { isDirectoryTarget } from './target.js';

export const PLUGIN_NAME = 'downloads';

export const DEFAULT_DOWNLOAD_MODE = 0o644;

/** The options, checked before the plugin is made (an executor configuration's `pluginOptions`); their type is `DownloadsOptions`. */
export const OPTIONS_SCHEMA = s.object({
  retries: s.describe(s.integer(), 'attempts after the first one when an entry has no `retries` (default 2)'),
  timeoutMs: s.describe(s.integer(), 'limit of one attempt in milliseconds when an entry has no `timeout`; 0 (default): none'),
  idleTimeoutMs: s.describe(s.integer(), 'an attempt fails after this long without a response or a byte (default 60 s); 0: never'),
  backoffMs: s.describe(s.integer(), 'first wait between attempts, doubled each time (default 1 s)'),
  maxBackoffMs: s.describe(s.integer(), 'longest wait between attempts (default 30 s)'),
  userAgent: s.string(),
});

export type DownloadsOptions = Readonly<Infer<typeof OPTIONS_SCHEMA>>;

export default function downloadsPlugin(options: DownloadsOptions = {}): Plugin {
  return definePlugin({
    name: PLUGIN_NAME,
    actions: yipActions({
      downloads: {
        plan: (entries, ctx) => planDownloads(entries, ctx, DEFAULT_DOWNLOAD_MODE),
        run: (entries, ctx) => downloadAll(entries, ctx, options),
      },
    }),
  });
}

/** Every entry, one after another; a failed one is reported and the next still downloaded. */
async function downloadAll(entries: readonly DownloadSpec[], ctx: ActionContext, options: DownloadsOptions): Promise<void> {
  for (const entry of entries) {
    try {
      await download(entry, ctx, options);
    } catch (error) {
      const url = entry.url ? redactUrl(entry.url) : '(no url)';
      ctx.report(new Error(`download ${url} to ${entry.path || '(no path)'}: ${reasonOf(error)}`, { cause: error }));
    }
  }
}

async function download(entry: DownloadSpec, ctx: ActionContext, options: DownloadsOptions): Promise<void> {
  if (!entry.url) throw new Error('the entry has no `url`');
  if (!entry.path) throw new Error('the entry has no `path`');
  let url: URL;
  try {
    url = new URL(entry.url);
  } catch {
    throw new Error('the url is not a valid URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new Error(`only http and https URLs can be downloaded, not ${url.protocol}`);
  const checksum: Checksum | undefined = entry.checksum ? parseChecksum(entry.checksum) : undefined;
  const root = ctx.run.options.root;
  const owner = await ownerOf(root, entry);
  const retries = Math.max(0, entry.retries ?? options.retries ?? 2);
  const request = {
    url,
    root,
    path: entry.path,
    directory: await isDirectoryTarget(root, entry.path),
    checksum,
    mode: entry.permissions ?? DEFAULT_DOWNLOAD_MODE,
    owner,
    timeoutMs: entry.timeout && entry.timeout > 0 ? entry.timeout * 1000 : (options.timeoutMs ?? 0),
    idleTimeoutMs: options.idleTimeoutMs ?? 60_000,
    signal: ctx.signal,
    userAgent: options.userAgent ?? 'yipts',
  };
  // Streams and hashing are loaded on first download, not at every start-up.
  const { attemptDownload } = await import('./attempt.js');
  const started = Date.now();
  const result = await withRetries(() => attemptDownload(request), {
    retries,
    backoffMs: options.backoffMs ?? 1000,
    maxBackoffMs: options.maxBackoffMs ?? 30_000,
    signal: ctx.signal,
    onRetry: (error, attempt, wait) =>
      ctx.logger.log('warning', `download ${redactUrl(url)}: ${error.reason}; attempt ${attempt + 1} of ${retries + 1} in ${wait} ms`),
  });
  ctx.logger.log('debug', `downloaded ${redactUrl(url)} to ${result.path} (${result.bytes} bytes in ${Date.now() - started} ms)`);
}

/** As for files: ownerstring wins, then owner/group; nothing said means root (when we are root). */
async function ownerOf(root: string, entry: DownloadSpec): Promise<{ uid: number; gid: number } | undefined> {
  if (entry.ownerstring) return resolveOwnerString(root, entry.ownerstring);
  if (entry.owner === undefined && entry.group === undefined) return process.getuid?.() === 0 ? { uid: 0, gid: 0 } : undefined;
  return { uid: entry.owner ?? 0, gid: entry.group ?? 0 };
}

export { downloadsPlugin, parseChecksum };
