/**
 * `git.auth` turned into what git needs, with no secret ever on a command line or in the clone:
 *
 * - http(s) user and password reach git through a credential helper whose text only names two
 *   environment variables; the values live in git's environment (readable by its owner only).
 *   The helpers configured elsewhere are switched off (BASE_CONFIG), so none stores it either.
 * - an ssh private key is written, 0600, into the key's private staging directory (inside the
 *   target root, next to the destination, removed afterwards) and used through GIT_SSH_COMMAND;
 *   `public_key` becomes the only trusted host key, `insecure` accepts any host key.
 * - `insecure` also turns off TLS certificate checks, for this command only (`-c`, not config).
 */
import { writeFile } from 'node:fs/promises';
import { posix } from 'node:path';
import { shellQuote } from '@yipts/system';
import type { GitSpec } from '@yipts/core';
import type { Remote } from './remote.js';
import type { GitTool } from './tool.js';

/** The `auth` part of a `git` step, as the engine's schema types it. */
export type AuthSpec = NonNullable<GitSpec['auth']>;

export interface AuthSetup {
  readonly config: string[];
  readonly env: Record<string, string>;
}

export const USERNAME_VAR = 'YIPTS_GIT_USERNAME';
export const PASSWORD_VAR = 'YIPTS_GIT_PASSWORD';

/** Answers `get` only; `store` and `erase` are ignored, so nothing is ever written anywhere. */
const HELPER = `!f() { test "$1" = get || exit 0; test -z "$${USERNAME_VAR}" || printf 'username=%s\\n' "$${USERNAME_VAR}"; test -z "$${PASSWORD_VAR}" || printf 'password=%s\\n' "$${PASSWORD_VAR}"; }; f`;

/** ssh user when a key is given and the URL names none: the user git hosting services expect. */
const DEFAULT_SSH_USER = 'git';

/**
 * `stagingDir` is a fresh 0700 directory on the host that is removed after the key's commands;
 * key files go there.
 */
export async function prepareAuth(auth: AuthSpec | undefined, remote: Remote, tool: GitTool, stagingDir: string): Promise<AuthSetup> {
  const config: string[] = [];
  const env: Record<string, string> = {};
  if (auth?.insecure) config.push('http.sslVerify=false');
  if (remote.kind === 'http') {
    const username = auth?.username || remote.username;
    const password = auth?.password || remote.password;
    if (username || password) {
      for (const [what, value] of [
        ['username', username],
        ['password', password],
      ] as const) {
        if (value && /[\0\n\r]/.test(value))
          throw new Error(`the ${what} contains a line break or a NUL character, which git's credential protocol cannot carry`);
      }
      // After BASE_CONFIG's empty value, which empties the list of helpers configured elsewhere.
      config.push(`credential.helper=${HELPER}`);
      if (username) env[USERNAME_VAR] = username;
      if (password) env[PASSWORD_VAR] = password;
    }
  }
  if (remote.kind === 'ssh') env.GIT_SSH_COMMAND = await sshCommand(auth, remote, tool, stagingDir);
  return { config, env };
}

async function sshCommand(auth: AuthSpec | undefined, remote: Remote, tool: GitTool, stagingDir: string): Promise<string> {
  // BatchMode: no password or passphrase prompt, no "continue connecting?" question, ever.
  const words = ['ssh', '-o', 'BatchMode=yes'];
  if (auth?.private_key) {
    const key = posix.join(stagingDir, 'id');
    const text = auth.private_key.endsWith('\n') ? auth.private_key : `${auth.private_key}\n`;
    await writeFile(key, text, { mode: 0o600, flag: 'wx' });
    words.push('-i', tool.see(key), '-o', 'IdentitiesOnly=yes');
  }
  if (auth?.public_key) {
    const knownHosts = posix.join(stagingDir, 'known_hosts');
    await writeFile(knownHosts, knownHostsText(auth.public_key), { mode: 0o600, flag: 'wx' });
    words.push(
      '-o',
      'StrictHostKeyChecking=yes',
      '-o',
      `UserKnownHostsFile=${tool.see(knownHosts)}`,
      '-o',
      'GlobalKnownHostsFile=/dev/null',
    );
  } else if (auth?.insecure) {
    // LogLevel: no "permanently added to the list of known hosts" (it is not: the list is /dev/null).
    words.push(
      '-o',
      'StrictHostKeyChecking=no',
      '-o',
      'UserKnownHostsFile=/dev/null',
      '-o',
      'GlobalKnownHostsFile=/dev/null',
      '-o',
      'LogLevel=ERROR',
    );
  } else {
    words.push('-o', 'StrictHostKeyChecking=yes');
  }
  const user = remote.namesUser ? undefined : auth?.username || (auth?.private_key ? DEFAULT_SSH_USER : undefined);
  if (user) words.push('-l', user);
  return words.map((w) => (/^[A-Za-z0-9_=./:@-]+$/.test(w) ? w : shellQuote(w))).join(' ');
}

/**
 * `public_key` is the server's host key: known_hosts lines (`host type key`), or a bare
 * `type key [comment]` which then stands for whatever host the URL names.
 */
export function knownHostsText(publicKey: string): string {
  const lines: string[] = [];
  for (const raw of publicKey.split('\n')) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    lines.push(/^(ssh-|ecdsa-|sk-)/.test(line) ? `* ${line}` : line);
  }
  if (!lines.length) throw new Error('`auth.public_key` holds no key');
  return `${lines.join('\n')}\n`;
}
