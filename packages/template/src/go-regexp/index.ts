// Go regular expressions (RE2 syntax: POSIX classes, (?P<name>…), inline flags (?imsU), \pL,
// \A, \z) run on re2js, an RE2 port whose matching time is linear in the input: no pattern can
// make a template or a condition hang. The iteration over matches and the $-expansion of
// replacements follow Go's regexp package, which differs from JavaScript's around empty matches
// and "$1x"-style references.
import type { Matcher, RE2JS } from 're2js';
import { LruCache } from '../cache.js';
import { re2 } from './re2.js';

/** A compiled Go regexp. */
export interface GoRegexp {
  readonly source: string;
  readonly compiled: RE2JS;
}

/** One match: its span (UTF-16 offsets) and its groups (index 0 is the whole match). */
export interface GoMatch {
  readonly index: number;
  readonly end: number;
  readonly groups: readonly (string | undefined)[];
  readonly named: Readonly<Record<string, string | undefined>>;
}

// A template calling regexMatch in a range compiles the same pattern again and again.
const compiledPatterns = new LruCache<string, GoRegexp>(64);

/** Compiles a Go regexp; a bad pattern throws an Error worded as Go's ("error parsing regexp: …"). */
export function compileGoRegexp(pattern: string): GoRegexp {
  const cached = compiledPatterns.get(pattern);
  if (cached) return cached;
  const { RE2JS: Re2, RE2JSException } = re2();
  try {
    const compiled: GoRegexp = { source: pattern, compiled: Re2.compile(pattern) };
    compiledPatterns.set(pattern, compiled);
    return compiled;
  } catch (error) {
    if (!(error instanceof RE2JSException)) throw error;
    const reason = error.message.startsWith('error parsing regexp') ? error.message : `error parsing regexp: ${error.message}`;
    throw new Error(reason, { cause: error });
  }
}

/** regexp.MatchString: a match anywhere in the text counts. */
export function matchString(re: GoRegexp, s: string): boolean {
  return re.compiled.test(s);
}

/** Compiles and matches as Go's MatchString; a bad pattern is an error that names it. */
export function matches(pattern: string, value: string): boolean {
  let re: GoRegexp;
  try {
    re = compileGoRegexp(pattern);
  } catch (error) {
    throw new Error(`invalid regular expression \`${pattern}\`: ${(error as Error).message}`, { cause: error });
  }
  return matchString(re, value);
}

function matchAt(m: Matcher, pos: number): GoMatch | undefined {
  if (!m.find(pos)) return undefined;
  const groups: (string | undefined)[] = [];
  for (let i = 0; i <= m.groupCount(); i++) groups.push(m.group(i) ?? undefined);
  const named: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(m.getNamedGroups())) named[name] = value ?? undefined;
  return { index: m.start(), end: m.end(), groups, named };
}

function runeWidth(s: string, pos: number): number {
  const cp = s.codePointAt(pos);
  return cp !== undefined && cp > 0xffff ? 2 : 1;
}

/** Regexp.FindAllStringSubmatch: n < 0 means all; an empty match right after a match is skipped. */
export function findAll(re: GoRegexp, s: string, n: number): GoMatch[] {
  const out: GoMatch[] = [];
  let pos = 0;
  let prevMatchEnd = -1;
  const limit = n < 0 ? s.length + 1 : n;
  const matcher = re.compiled.matcher(s);
  while (out.length < limit && pos <= s.length) {
    const m = matchAt(matcher, pos);
    if (!m) break;
    let accept = true;
    if (m.end === pos) {
      if (m.index === prevMatchEnd) accept = false;
      pos += pos < s.length ? runeWidth(s, pos) : 1;
    } else {
      pos = m.end;
    }
    prevMatchEnd = m.end;
    if (accept) out.push(m);
  }
  return out;
}

/** Regexp.Expand's template language: $1, ${1}, $name, ${name}, and $$ for a literal dollar. */
export function expandTemplate(template: string, match: GoMatch): string {
  let out = '';
  let rest = template;
  for (;;) {
    const dollar = rest.indexOf('$');
    if (dollar < 0) break;
    out += rest.slice(0, dollar);
    rest = rest.slice(dollar + 1);
    if (rest.startsWith('$')) {
      out += '$';
      rest = rest.slice(1);
      continue;
    }
    const ref = referenceAt(rest);
    if (!ref) {
      // A malformed reference: Go keeps the dollar sign as text.
      out += '$';
      continue;
    }
    rest = rest.slice(ref.consumed);
    out += (/^[0-9]+$/.test(ref.name) ? match.groups[Number(ref.name)] : match.named[ref.name]) ?? '';
  }
  return out + rest;
}

/** The group name after a `$`: `{name}` or the longest run of word characters. */
function referenceAt(rest: string): { name: string; consumed: number } | undefined {
  if (rest.startsWith('{')) {
    const close = rest.indexOf('}');
    const inner = close > 0 ? rest.slice(1, close) : '';
    return close > 0 && /^[A-Za-z0-9_]+$/.test(inner) ? { name: inner, consumed: close + 1 } : undefined;
  }
  const word = /^[A-Za-z0-9_]+/.exec(rest);
  return word ? { name: word[0], consumed: word[0].length } : undefined;
}

/** Regexp.ReplaceAllString / ReplaceAllLiteralString: `replacement` gives the text of each match. */
export function replaceAll(re: GoRegexp, s: string, replacement: (m: GoMatch) => string): string {
  let out = '';
  let lastMatchEnd = 0;
  let searchPos = 0;
  const matcher = re.compiled.matcher(s);
  while (searchPos <= s.length) {
    const m = matchAt(matcher, searchPos);
    if (!m) break;
    out += s.slice(lastMatchEnd, m.index);
    // No replacement for an empty match immediately after another match.
    if (m.end > lastMatchEnd || m.index === 0) out += replacement(m);
    lastMatchEnd = m.end;
    const width = searchPos < s.length ? runeWidth(s, searchPos) : 0;
    if (searchPos + width > m.end) searchPos += width;
    else if (searchPos + 1 > m.end) searchPos++;
    else searchPos = m.end;
  }
  return out + s.slice(lastMatchEnd);
}

/** Regexp.Split. */
export function splitAll(re: GoRegexp, s: string, n: number): string[] {
  if (n === 0) return [];
  if (re.source !== '' && s === '') return [''];
  const found = findAll(re, s, n);
  const out: string[] = [];
  let begin = 0;
  let end = 0;
  for (const m of found) {
    if (n > 0 && out.length === n - 1) break;
    end = m.index;
    if (m.end !== 0) out.push(s.slice(begin, end));
    begin = m.end;
  }
  if (end !== s.length) out.push(s.slice(begin));
  return out;
}

/** regexp.QuoteMeta. */
export function quoteMeta(s: string): string {
  return s.replace(/[\\.+*?()|[\]{}^$]/g, '\\$&');
}
