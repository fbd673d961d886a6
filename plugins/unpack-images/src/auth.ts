/**
 * Registry credentials and challenges. A registry answers 401 with `WWW-Authenticate`: `Basic`
 * wants the credentials on each request, `Bearer realm=...,service=...,scope=...` wants a token
 * fetched from the realm (anonymously, or with the credentials as Basic). Credentials come from
 * the plugin options, then from the docker config file of the host (as yip's default keychain).
 */
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export interface Credentials {
  readonly username: string;
  readonly password: string;
}

export interface Challenge {
  readonly scheme: string;
  readonly params: Readonly<Record<string, string>>;
}

/** Parses one challenge (`Bearer realm="x",service="y"`); registries send one. */
export function parseChallenge(header: string): Challenge {
  const match = /^\s*([A-Za-z]+)\s*(.*)$/s.exec(header);
  if (!match) throw new Error(`unreadable WWW-Authenticate header "${header}"`);
  const params: Record<string, string> = {};
  const pair = /([A-Za-z_][\w-]*)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^,\s]*))\s*,?\s*/g;
  for (const m of (match[2] ?? '').matchAll(pair))
    params[m[1]!.toLowerCase()] = m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : (m[3] ?? '');
  return { scheme: match[1]!.toLowerCase(), params };
}

export function basicHeader(c: Credentials): string {
  return `Basic ${Buffer.from(`${c.username}:${c.password}`).toString('base64')}`;
}

/** Docker Hub is stored under its historical key in docker config files. */
function configKeys(registry: string): string[] {
  if (registry === 'registry-1.docker.io') return ['https://index.docker.io/v1/', 'index.docker.io', 'docker.io', registry];
  return [registry, `https://${registry}`, `http://${registry}`];
}

export function dockerConfigCredentials(registry: string, env: Readonly<Record<string, string | undefined>>): Credentials | undefined {
  const dir = env.DOCKER_CONFIG || join(env.HOME || homedir(), '.docker');
  let config: { auths?: Record<string, { auth?: string; username?: string; password?: string }> };
  try {
    config = JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8'));
  } catch {
    return undefined;
  }
  for (const key of configKeys(registry)) {
    const entry = config.auths?.[key];
    if (!entry) continue;
    if (entry.username && entry.password) return { username: entry.username, password: entry.password };
    if (entry.auth) {
      const decoded = Buffer.from(entry.auth, 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      if (colon > 0) return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
    }
  }
  return undefined;
}
