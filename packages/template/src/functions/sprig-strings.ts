// sprig string functions. Their Go signatures put the subject string last so pipelines feed it in.
// Slicing counts characters rather than UTF-8 bytes: Go's byte slicing can split a character in two,
// which no template relies on.
import { quoteGo } from '../quote.js';
import { isNil } from '../values.js';
import { formatValue } from '../fmt.js';
import { strval, strslice } from './sprig-cast.js';
import { checkStringLength } from '../limits.js';
import { define } from './types.js';
import type { FuncMap } from './types.js';

/** unicode.IsSpace. */
export const GO_SPACE = /[\t\n\v\f\r \u0085\u00A0\p{Z}]/u;

function mapRunes(s: string, mapper: (ch: string) => string): string {
  let out = '';
  for (const ch of s) {
    const mapped = mapper(ch);
    // Go maps rune by rune; multi-character expansions such as "ß" -> "SS" do not happen there.
    out += [...mapped].length === 1 ? mapped : ch;
  }
  return out;
}

export function goUpper(s: string): string {
  return mapRunes(s, (ch) => ch.toUpperCase());
}

export function goLower(s: string): string {
  return mapRunes(s, (ch) => ch.toLowerCase());
}

function isTitleSeparator(ch: string): boolean {
  const cp = ch.codePointAt(0) ?? 0;
  if (cp <= 0x7f) return !/[0-9A-Za-z_]/.test(ch);
  if (/[\p{L}\p{Nd}]/u.test(ch)) return false;
  return GO_SPACE.test(ch);
}

/** strings.Title: upper-case the first letter of every word, leave the rest alone. */
function title(s: string): string {
  let prev = ' ';
  let out = '';
  for (const ch of s) {
    out += isTitleSeparator(prev) ? goUpper(ch) : ch;
    prev = ch;
  }
  return out;
}

/** What is left of s once the characters `drop` accepts are taken off both ends (by code point). */
function trimWhere(s: string, drop: (ch: string) => boolean): string {
  const chars = [...s];
  let start = 0;
  let end = chars.length;
  while (start < end && drop(chars[start] ?? '')) start++;
  while (end > start && drop(chars[end - 1] ?? '')) end--;
  return chars.slice(start, end).join('');
}

/** strings.TrimSpace: Unicode white space, as Go defines it. */
const trimSpace = (s: string): string => trimWhere(s, (ch) => GO_SPACE.test(ch));

/** strings.Trim: cutset is a set of characters, not a prefix. */
function trimCutset(s: string, cutset: string): string {
  const cut = new Set(cutset);
  return trimWhere(s, (ch) => cut.has(ch));
}

function trunc(count: number, s: string): string {
  const chars = [...s];
  if (count < 0 && chars.length + count > 0) return chars.slice(chars.length + count).join('');
  if (count >= 0 && chars.length > count) return chars.slice(0, count).join('');
  return s;
}

function outOfRange(detail: string, length: number): Error {
  return new Error(`runtime error: slice bounds out of range [${detail}] with length ${length}`);
}

function substr(start: number, end: number, s: string): string {
  const chars = [...s];
  if (start < 0) {
    if (end > chars.length || end < 0) throw outOfRange(`:${end}`, chars.length);
    return chars.slice(0, end).join('');
  }
  if (end < 0 || end > chars.length) {
    if (start > chars.length) throw outOfRange(`${start}:`, chars.length);
    return chars.slice(start).join('');
  }
  if (start > end) throw new Error(`runtime error: slice bounds out of range [${start}:${end}]`);
  return chars.slice(start, end).join('');
}

function repeat(count: number, s: string): string {
  if (count < 0) throw new Error('strings: negative Repeat count');
  checkStringLength(count * s.length);
  return s.repeat(count);
}

function indent(spaces: number, s: string): string {
  const lines = s.split('\n').length;
  checkStringLength(s.length + Math.max(spaces, 0) * lines);
  const pad = ' '.repeat(Math.max(spaces, 0));
  return pad + s.replaceAll('\n', `\n${pad}`);
}

/** strings.Split; an empty separator splits into characters. */
export function goSplit(s: string, sep: string): string[] {
  return sep === '' ? [...s] : s.split(sep);
}

function split(sep: string, s: string): Record<string, string> {
  const out: Record<string, string> = {};
  goSplit(s, sep).forEach((part, i) => {
    out[`_${i}`] = part;
  });
  return out;
}

function withoutNils(values: unknown[]): unknown[] {
  return values.filter((v) => !isNil(v));
}

export const sprigStrings: FuncMap = {
  trunc: define(['int', 'string'], trunc),
  trim: define(['string'], trimSpace),
  trimAll: define(['string', 'string'], (cutset: string, s: string) => trimCutset(s, cutset)),
  trimall: define(['string', 'string'], (cutset: string, s: string) => trimCutset(s, cutset)),
  trimPrefix: define(['string', 'string'], (prefix: string, s: string) => (s.startsWith(prefix) ? s.slice(prefix.length) : s)),
  trimSuffix: define(['string', 'string'], (suffix: string, s: string) =>
    suffix !== '' && s.endsWith(suffix) ? s.slice(0, s.length - suffix.length) : s,
  ),
  upper: define(['string'], goUpper),
  lower: define(['string'], goLower),
  title: define(['string'], title),
  replace: define(['string', 'string', 'string'], (from: string, to: string, s: string) =>
    from === '' ? goSplit(s, '').reduce((acc, ch) => `${acc}${ch}${to}`, to) : s.replaceAll(from, to),
  ),
  contains: define(['string', 'string'], (needle: string, s: string) => s.includes(needle)),
  hasPrefix: define(['string', 'string'], (prefix: string, s: string) => s.startsWith(prefix)),
  hasSuffix: define(['string', 'string'], (suffix: string, s: string) => s.endsWith(suffix)),
  quote: define(
    [],
    (...values: unknown[]) =>
      withoutNils(values)
        .map((v) => quoteGo(strval(v)))
        .join(' '),
    'any',
  ),
  squote: define(
    [],
    (...values: unknown[]) =>
      withoutNils(values)
        .map((v) => `'${formatValue(v)}'`)
        .join(' '),
    'any',
  ),
  cat: define(
    [],
    (...values: unknown[]) =>
      withoutNils(values)
        .map((v) => formatValue(v))
        .join(' '),
    'any',
  ),
  indent: define(['int', 'string'], indent),
  nindent: define(['int', 'string'], (spaces: number, s: string) => `\n${indent(spaces, s)}`),
  repeat: define(['int', 'string'], repeat),
  substr: define(['int', 'int', 'string'], substr),
  nospace: define(['string'], (s: string) => [...s].filter((ch) => !GO_SPACE.test(ch)).join('')),
  split: define(['string', 'string'], split),
  splitList: define(['string', 'string'], (sep: string, s: string) => goSplit(s, sep)),
  join: define(['string', 'any'], (sep: string, list: unknown) => strslice(list).join(sep)),
};
