/**
 * Where homes go and which shell a new user gets when the config does not say: the root's
 * /etc/default/useradd (HOME=, SHELL=), else /home and /bin/sh, as yip does.
 */
import { readFile } from 'node:fs/promises';
import { resolveInRoot } from '@yipts/system';

export interface LoginDefaults {
  readonly home: string;
  readonly shell: string;
}

export function parseUseraddDefaults(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const raw of text.split('\n')) {
    const m = /^\s*([A-Z_]+)\s*=\s*(.*?)\s*$/.exec(raw);
    if (!m) continue;
    out[m[1]!] = m[2]!.replace(/^(["'])(.*)\1$/, '$2');
  }
  return out;
}

export async function loginDefaults(root: string): Promise<LoginDefaults> {
  let values: Record<string, string> = {};
  try {
    values = parseUseraddDefaults(await readFile(await resolveInRoot(root, '/etc/default/useradd'), 'utf8'));
  } catch {
    // No defaults file: the built-in defaults below apply.
  }
  return { home: values.HOME || '/home', shell: values.SHELL || '/bin/sh' };
}
