/**
 * What kind of place a `git.url` names, decided the way git itself decides: a `scheme://` URL,
 * an scp-like `[user@]host:path` (ssh), or else a local path. A password written into an http(s)
 * URL is taken out of it, so that it reaches git only through the credential helper and is never
 * stored as the clone's `origin`, shown in a message or put on a command line.
 */
export type RemoteKind = 'http' | 'ssh' | 'local' | 'other';

export interface Remote {
  readonly kind: RemoteKind;
  /** The URL with any password removed: what `origin` is set to and what messages show. */
  readonly url: string;
  /** Credentials found in an http(s) URL (`https://user:secret@host/…`). */
  readonly username?: string;
  readonly password?: string;
  /** For a local remote: its path (a `file://` URL's path), as seen inside the target root. */
  readonly localPath?: string;
  /** A `file://` URL: cloned through git's transport, not with the local shortcuts (hard links). */
  readonly fileUrl?: boolean;
  /** For an ssh remote: whether the URL names the user (`git@host:…`, `ssh://git@host/…`). */
  readonly namesUser?: boolean;
}

const SCHEME = /^([A-Za-z][A-Za-z0-9+.-]*):\/\//;

export function parseRemote(text: string): Remote {
  const url = text.trim();
  if (!url) throw new Error('`url` is empty');
  // An argument git would read as an option must never reach its command line.
  if (url.startsWith('-')) throw new Error(`\`url\` must not start with "-": ${url}`);
  if (/[\0\n\r]/.test(url)) throw new Error('`url` contains a line break or a NUL character');
  const scheme = SCHEME.exec(url)?.[1]?.toLowerCase();
  if (scheme === 'http' || scheme === 'https') return httpRemote(url, scheme.length + 3);
  if (scheme === 'ssh' || scheme === 'git+ssh' || scheme === 'ssh+git') {
    const authority = url.slice(scheme.length + 3).split('/')[0] ?? '';
    return { kind: 'ssh', url, namesUser: authority.includes('@') };
  }
  if (scheme === 'file') return { kind: 'local', url, localPath: fileUrlPath(url), fileUrl: true };
  if (scheme) return { kind: 'other', url };
  // git's own rule: a colon before any slash makes it scp-like ssh (`host:path`).
  const colon = url.indexOf(':');
  const slash = url.indexOf('/');
  if (colon > 0 && (slash < 0 || colon < slash)) return { kind: 'ssh', url, namesUser: url.slice(0, colon).includes('@') };
  return { kind: 'local', url, localPath: url };
}

function httpRemote(url: string, afterScheme: number): Remote {
  const end = url.slice(afterScheme).search(/[/?#]/);
  const authorityEnd = end < 0 ? url.length : afterScheme + end;
  const authority = url.slice(afterScheme, authorityEnd);
  const at = authority.lastIndexOf('@');
  if (at < 0) return { kind: 'http', url };
  const userinfo = authority.slice(0, at);
  const colon = userinfo.indexOf(':');
  const username = decode(colon < 0 ? userinfo : userinfo.slice(0, colon));
  const password = colon < 0 ? undefined : decode(userinfo.slice(colon + 1));
  // The user name stays in the URL (git shows it and hands it to the helper); the password goes.
  const kept = `${url.slice(0, afterScheme)}${colon < 0 ? userinfo : userinfo.slice(0, colon)}${username ? '@' : ''}${url.slice(afterScheme + at + 1)}`;
  return { kind: 'http', url: kept, ...(username ? { username } : {}), ...(password ? { password } : {}) };
}

/** `file:///srv/repo` → `/srv/repo`; git accepts no other host than an empty one (or localhost). */
function fileUrlPath(url: string): string {
  let rest = url.slice('file://'.length);
  if (rest.toLowerCase().startsWith('localhost/')) rest = rest.slice('localhost'.length);
  if (!rest.startsWith('/')) throw new Error(`a file:// URL needs an absolute path: ${url}`);
  return decode(rest);
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
