/**
 * `unpack_images`: each entry's image (`source`, a registry reference) is pulled over the
 * Distribution API for `platform` (default: the host's) and its filesystem unpacked into the
 * directory `target` inside the root. Entries are independent: an error names the image, the
 * target and the phase that failed, and the next entries still run.
 */
import { definePlugin, s, yipActions } from '@yipts/core';
import type { ActionContext, Plugin } from '@yipts/core';
import { dockerConfigCredentials } from './auth.js';
import type { Credentials } from './auth.js';
import { planUnpackImages } from './plan.js';
import { hostPlatform, parsePlatform } from './platform.js';
import { parseReference } from './reference.js';

export const PLUGIN_NAME = 'unpack-images';

export interface UnpackImagesOptions {
  /** Registries (host or host:port) reached over plain http; loopback ones always are. */
  readonly insecureRegistries?: readonly string[];
  /** Credentials by registry host (Docker Hub is `registry-1.docker.io`); else the docker config file. */
  readonly credentials?: Readonly<Record<string, Credentials>>;
  /** Read `$DOCKER_CONFIG/config.json` or `~/.docker/config.json` for credentials (default true). */
  readonly dockerConfig?: boolean;
  /** Limit for one image, from the first request to the last file, in milliseconds (default 0: none). */
  readonly timeoutMs?: number;
  /** A request fails after this long without a response or a byte (default 60 s; 0: never). */
  readonly idleTimeoutMs?: number;
  /** Attempts after the first on network errors, 5xx, 408 and 429 (default 2). */
  readonly retries?: number;
  readonly userAgent?: string;
}

/** The options, checked before the plugin is made (an executor configuration's `pluginOptions`). */
export const OPTIONS_SCHEMA = s.object({
  insecureRegistries: s.describe(s.list(s.string()), 'registries reached over plain http'),
  credentials: s.describe(
    s.record(s.object({ username: s.string(), password: s.string() }, { required: ['username', 'password'] })),
    'credentials by registry host',
  ),
  dockerConfig: s.describe(s.boolean(), 'read the docker config file for credentials'),
  timeoutMs: s.describe(s.integer(), 'limit for one image in milliseconds; 0: none'),
  idleTimeoutMs: s.describe(s.integer(), 'a request fails after this long without a byte; 0: never'),
  retries: s.describe(s.integer(), 'attempts after the first on network errors'),
  userAgent: s.string(),
});

interface UnpackEntry {
  readonly source?: string | undefined;
  readonly target?: string | undefined;
  readonly platform?: string | undefined;
}

export default function unpackImagesPlugin(options: UnpackImagesOptions = {}): Plugin {
  return definePlugin({
    name: PLUGIN_NAME,
    actions: yipActions({
      unpack_images: {
        plan: (entries, ctx) => planUnpackImages(entries as readonly UnpackEntry[], ctx),
        run: (entries, ctx) => unpackAll(entries as readonly UnpackEntry[], ctx, options),
      },
    }),
  });
}

async function unpackAll(entries: readonly UnpackEntry[], ctx: ActionContext, options: UnpackImagesOptions): Promise<void> {
  for (const entry of entries) {
    // As yip: an entry without source or target is skipped with a warning.
    if (!entry.source || !entry.target) {
      ctx.logger.log('warning', `unpack_images: entry without ${entry.source ? 'target' : 'source'} skipped`);
      continue;
    }
    try {
      await unpack(entry.source, entry.target, entry.platform, ctx, options);
    } catch (error) {
      ctx.report(new Error(`unpack image ${entry.source} into ${entry.target}: ${(error as Error).message}`, { cause: error }));
    }
  }
}

async function unpack(
  source: string,
  target: string,
  platformText: string | undefined,
  ctx: ActionContext,
  options: UnpackImagesOptions,
): Promise<void> {
  const ref = parseReference(source);
  const platform = platformText ? parsePlatform(platformText) : hostPlatform();
  const env = ctx.run.options.env;
  const credentials =
    options.credentials?.[ref.registry] ?? (options.dockerConfig === false ? undefined : dockerConfigCredentials(ref.registry, env));
  const signal = options.timeoutMs ? AbortSignal.any([ctx.signal, AbortSignal.timeout(options.timeoutMs)]) : ctx.signal;
  const started = Date.now();
  // Registry, tar and extraction code is loaded on the first image, not at every start-up.
  const { unpackImage } = await import('./unpack.js');
  const result = await unpackImage({
    ref,
    platform,
    root: ctx.run.options.root,
    target,
    credentials,
    insecureRegistries: options.insecureRegistries ?? [],
    idleTimeoutMs: options.idleTimeoutMs ?? 60_000,
    retries: Math.max(0, options.retries ?? 2),
    signal,
    userAgent: options.userAgent ?? 'yipts',
    log: (message) => ctx.logger.log('debug', message),
  });
  if (result.skipped.length)
    ctx.logger.log(
      'warning',
      `unpack image ${source}: ${result.skipped.length} device or fifo entries not created (${result.skipped.slice(0, 5).join(', ')}${result.skipped.length > 5 ? ', ...' : ''})`,
    );
  ctx.logger.log('info', `unpacked ${source} (${result.layers} layers) into ${target} in ${Date.now() - started} ms`);
}

export { unpackImagesPlugin, parseReference, parsePlatform };
export type { Credentials };
