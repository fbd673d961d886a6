import { s } from '@yipts/core';

/** The plugin's options, checked once when the executor is composed rather than at every step. */
export interface MotdOptions {
  /** Where `motd` writes when a step gives no `path`; default `/etc/motd`. */
  readonly path?: string;
  /** Text put before every message, e.g. a banner naming who manages the file. */
  readonly prefix?: string;
}

export interface ResolvedOptions {
  readonly path: string;
  readonly prefix: string;
}

export const DEFAULT_MOTD_PATH = '/etc/motd';

/** The options' schema: a command line loading the plugin from a configuration checks them with it first. */
export const OPTIONS_SCHEMA = s.object({
  path: s.describe(s.string(), 'where `motd` writes when a step gives no `path`'),
  prefix: s.describe(s.string(), 'text put before every message'),
});

export function resolveOptions(options: MotdOptions): ResolvedOptions {
  const path = options.path ?? DEFAULT_MOTD_PATH;
  if (typeof path !== 'string' || !path.startsWith('/')) {
    throw new TypeError(`motd plugin: option \`path\` must be an absolute path, got ${JSON.stringify(options.path)}`);
  }
  const prefix = options.prefix ?? '';
  if (typeof prefix !== 'string')
    throw new TypeError(`motd plugin: option \`prefix\` must be a string, got ${JSON.stringify(options.prefix)}`);
  return { path, prefix };
}
