/** Where keys come from, and how long a fetch may take. */

export interface AuthorizedKeysOptions {
  /** Base URL for `github:USER` keys: `<base>/USER.keys`. Default https://github.com. */
  readonly githubUrl?: string;
  /** Base URL for `gitlab:USER` keys: `<base>/USER.keys`. Default https://gitlab.com. */
  readonly gitlabUrl?: string;
  /** How long one key URL may take to answer completely, in milliseconds. Default 30 s. */
  readonly fetchTimeoutMs?: number;
}

export const DEFAULT_GITHUB_URL = 'https://github.com';
export const DEFAULT_GITLAB_URL = 'https://gitlab.com';
export const DEFAULT_FETCH_TIMEOUT_MS = 30_000;

/** A fetched key list larger than this is not a key list. */
export const MAX_KEYS_BYTES = 1 << 20;
