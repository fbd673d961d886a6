/** Where keys come from, and how long a fetch may take. */
import { s } from '@yipts/core';
import type { Infer } from '@yipts/core';

/** The options, checked before the plugin is made (an executor configuration's `pluginOptions`); their type is `AuthorizedKeysOptions`. */
export const OPTIONS_SCHEMA = s.object({
  githubUrl: s.describe(s.string(), 'base URL of `github:USER` keys, fetched from `<base>/USER.keys` (default https://github.com)'),
  gitlabUrl: s.describe(s.string(), 'base URL of `gitlab:USER` keys, fetched from `<base>/USER.keys` (default https://gitlab.com)'),
  fetchTimeoutMs: s.describe(s.integer(), 'limit for one key URL to answer completely, in milliseconds (default 30 s)'),
});

export type AuthorizedKeysOptions = Readonly<Infer<typeof OPTIONS_SCHEMA>>;

export const DEFAULT_GITHUB_URL = 'https://github.com';
export const DEFAULT_GITLAB_URL = 'https://gitlab.com';
export const DEFAULT_FETCH_TIMEOUT_MS = 30_000;

/** A fetched key list larger than this is not a key list. */
export const MAX_KEYS_BYTES = 1 << 20;
