/**
 * What an entry of a key list is: `github:USER` and `gitlab:USER` name an account whose public
 * keys the forge publishes, an http(s) URL is fetched, anything else is the key itself.
 */
import type { AuthorizedKeysOptions } from './options.js';
import { DEFAULT_GITHUB_URL, DEFAULT_GITLAB_URL } from './options.js';

export type KeySource =
  | { readonly kind: 'literal'; readonly text: string }
  | { readonly kind: 'remote'; readonly url: string; readonly label: string };

const PROVIDERS = { github: 'githubUrl', gitlab: 'gitlabUrl' } as const;
const DEFAULTS = { github: DEFAULT_GITHUB_URL, gitlab: DEFAULT_GITLAB_URL } as const;

/** The source of one entry; a `github:`/`gitlab:` entry without a valid account name is an error. */
export function keySource(entry: string, options: AuthorizedKeysOptions): KeySource {
  const text = entry.trim();
  const provider = /^(github|gitlab):(.*)$/.exec(text);
  if (provider) {
    const name = provider[1] as keyof typeof PROVIDERS;
    const account = provider[2]!;
    if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(account)) throw new Error(`\`${text}\` does not name a ${name} account`);
    const base = (options[PROVIDERS[name]] ?? DEFAULTS[name]).replace(/\/+$/, '');
    return { kind: 'remote', url: `${base}/${account}.keys`, label: text };
  }
  if (/^https?:\/\/\S+$/i.test(text)) return { kind: 'remote', url: text, label: text };
  return { kind: 'literal', text };
}
