/** /etc/os-release of a root (falling back to /usr/lib/os-release), parsed as the spec says. */
import { readFile } from 'node:fs/promises';
import { resolveInRoot } from './root-path.js';

export async function readOsRelease(root: string): Promise<Record<string, string>> {
  for (const candidate of ['/etc/os-release', '/usr/lib/os-release']) {
    try {
      return parseOsRelease(await readFile(await resolveInRoot(root, candidate), 'utf8'));
    } catch {
      // try the next one
    }
  }
  return {};
}

export function parseOsRelease(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const m = /^\s*([A-Za-z0-9_]+)=(.*)$/.exec(line);
    if (!m) continue;
    let value = m[2]!.trim();
    if ((value.startsWith('"') && value.endsWith('"')) || (value.startsWith("'") && value.endsWith("'"))) {
      value = value.slice(1, -1).replace(/\\(["\\$`])/g, '$1');
    }
    out[m[1]!] = value;
  }
  return out;
}
