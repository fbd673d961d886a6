/**
 * Checks of flag values: each turns the text given into the value, or throws a message that the
 * parser prefixes with the flag's name. Checked before anything is mounted or written.
 */
import { statSync } from 'node:fs';
import { resolve } from 'node:path';

export function nonEmpty(text: string): string {
  if (text.trim() === '') throw new Error('must not be empty');
  return text;
}

export function positiveInteger(text: string): number {
  if (!/^\d+$/.test(text.trim()) || Number(text) < 1) throw new Error(`expects a whole number of at least 1, not \`${text}\``);
  return Number(text);
}

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** A duration as `30s`, `5m`, `1h`, `250ms`, `1h30m` or plain seconds, in milliseconds; 0 means none. */
export function duration(text: string): number {
  const t = text.trim();
  if (/^\d+(?:\.\d+)?$/.test(t)) return Math.round(Number(t) * 1000);
  const parts = [...t.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g)];
  if (!parts.length || parts.map((p) => p[0]).join('') !== t) {
    throw new Error(`expects a duration such as 30s, 10m or 1h30m, not \`${text}\``);
  }
  return Math.round(parts.reduce((ms, p) => ms + Number(p[1]) * UNIT_MS[p[2]!]!, 0));
}

export function oneOf<const T extends string>(values: readonly T[]): (text: string) => T {
  return (text) => {
    if (!(values as readonly string[]).includes(text)) throw new Error(`expects one of ${values.join(', ')}, not \`${text}\``);
    return text as T;
  };
}

/** An existing directory, made absolute. */
export function directory(text: string): string {
  const path = resolve(nonEmpty(text));
  let isDir = false;
  try {
    isDir = statSync(path).isDirectory();
  } catch {
    throw new Error(`${text}: no such directory`);
  }
  if (!isDir) throw new Error(`${text}: not a directory`);
  return path;
}

/** `--cloud-init-paths a,b` is two paths, as in yip. */
export function pathList(text: string): string[] {
  return text
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
}
