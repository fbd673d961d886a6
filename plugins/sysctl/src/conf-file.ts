/**
 * The sysctl.d file this plugin owns, merged by key: a key set again replaces its line in
 * place, a new key is appended, comments and other lines are kept. What was set at one boot is
 * therefore applied again at the next one by systemd-sysctl, even on a root that was only
 * prepared offline.
 */
import { normalizeKey } from './key.js';

export const HEADER = '# Written by yipts from the `sysctl` keys of yip configs; applied at boot by systemd-sysctl.\n';

function lineKey(line: string): string | undefined {
  const t = line.trim();
  if (t === '' || t.startsWith('#') || t.startsWith(';')) return undefined;
  const eq = t.indexOf('=');
  if (eq <= 0) return undefined;
  try {
    return normalizeKey(t.slice(0, eq).trim().replace(/^-/, ''));
  } catch {
    return undefined;
  }
}

export function mergeSysctlConf(current: string | undefined, settings: readonly (readonly [string, string])[]): string {
  const lines = current === undefined ? HEADER.split('\n').slice(0, -1) : current.split('\n');
  if (lines.at(-1) === '') lines.pop();
  for (const [key, value] of settings) {
    const wanted = normalizeKey(key);
    const line = `${key.trim()} = ${value}`;
    const at = lines.findIndex((l) => lineKey(l) === wanted);
    if (at === -1) lines.push(line);
    else lines[at] = line;
  }
  return lines.map((l) => `${l}\n`).join('');
}
