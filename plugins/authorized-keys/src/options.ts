/** Where keys come from, and how long a fetch may take. */
import { s } from '@yipts/core';

export interface AuthorizedKeysOptions {
  /** Base URL for `github:USER` keys: `<base>/USER.keys`. Default https://github.com. */
  readonly githubUrl?: string;
  /** Base URL for `gitlab:USER` keys: `<base>/USER.keys`. Default https://gitlab.com. */
  readonly gitlabUrl?: string;
  /** How long one key URL may take to answer completely, in milliseconds. Default 30 s. */
  readonly fetchTimeoutMs?: number;
}

/** The options, checked before the plugin is made (an executor configuration's `pluginOptions`). */
export const OPTIONS_SCHEMA = s.object({
  githubUrl: s.describe(s.string(), 'base URL of `github:USER` keys'),
  gitlabUrl: s.describe(s.string(), 'base URL of `gitlab:USER` keys'),
  fetchTimeoutMs: s.describe(s.integer(), 'limit for one key URL in milliseconds'),
});

export const DEFAULT_GITHUB_URL = 'https://github.com';
export const DEFAULT_GITLAB_URL = 'https://gitlab.com';
export const DEFAULT_FETCH_TIMEOUT_MS = 30_000;

/** A fetched key list larger than this is not a key list. */
export const MAX_KEYS_BYTES = 1 << 20;
