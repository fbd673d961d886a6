// Go RE2 patterns run on JavaScript's engine. The syntax differences that show up in real configs are
// translated; the match iteration and $-expansion follow Go's regexp package, which differs from
// String.prototype.replace around empty matches and "$1x"-style references.

const POSIX_CLASSES: Readonly<Record<string, string>> = {
  alnum: '0-9A-Za-z',
  alpha: 'A-Za-z',
  ascii: '\\x00-\\x7F',
  blank: '\\t ',
  cntrl: '\\x00-\\x1F\\x7F',
  digit: '0-9',
  graph: '!-~',
  lower: 'a-z',
  print: ' -~',
  punct: '!-\\/:-@\\[-`{-~',
  space: '\\t\\n\\v\\f\\r ',
  upper: 'A-Z',
  word: '0-9A-Za-z_',
  xdigit: '0-9A-Fa-f',
};

/** Compiles a Go regular expression; throws an Error with Go's wording prefix on bad syntax. */
export function compileGoRegexp(pattern: string): RegExp {
  let source = pattern;
  let flags = 'g';
  const leading = /^\(\?([imsU]+)\)/.exec(source);
  if (leading) {
    const requested = leading[1] ?? '';
    if (requested.includes('U')) throw new Error(`error parsing regexp: ungreedy flag is not supported: \`${pattern}\``);
    for (const f of new Set(requested)) flags += f;
    source = source.slice(leading[0].length);
  }
  source = source
    .replaceAll('(?P<', '(?<')
    .replace(/\[:(\^?)([a-z]+):\]/g, (whole: string, negate: string, name: string) => {
      const range = POSIX_CLASSES[name];
      if (!range || negate) return whole;
      return range;
    })
    .replaceAll('\\A', '(?<![\\s\\S])')
    .replaceAll('\\z', '(?![\\s\\S])');
  if (/\\[pP]/.test(source)) {
    source = source.replace(/\\([pP])([A-Za-z])(?![A-Za-z{])/g, '\\$1{$2}');
    flags += 'u';
  }
  try {
    return new RegExp(source, flags);
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    throw new Error(`error parsing regexp: ${reason}`);
  }
}

function runeWidth(s: string, pos: number): number {
  const cp = s.codePointAt(pos);
  return cp !== undefined && cp > 0xffff ? 2 : 1;
}

function execAt(re: RegExp, s: string, pos: number): RegExpExecArray | null {
  re.lastIndex = pos;
  return re.exec(s);
}

/** Regexp.FindAllStringSubmatch semantics: an empty match right after a previous match is skipped. */
export function findAll(re: RegExp, s: string, limit: number): RegExpExecArray[] {
  const out: RegExpExecArray[] = [];
  let pos = 0;
  let prevMatchEnd = -1;
  const n = limit < 0 ? s.length + 1 : limit;
  while (out.length < n && pos <= s.length) {
    const m = execAt(re, s, pos);
    if (!m) break;
    const start = m.index;
    const end = start + m[0].length;
    let accept = true;
    if (end === pos) {
      if (start === prevMatchEnd) accept = false;
      pos += pos < s.length ? runeWidth(s, pos) : 1;
    } else {
      pos = end;
    }
    prevMatchEnd = end;
    if (accept) out.push(m);
  }
  return out;
}

/** Regexp.Expand's template language: $1, ${1}, $name, ${name}, and $$ for a literal dollar. */
export function expandTemplate(template: string, match: RegExpExecArray): string {
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
    let name: string | undefined;
    let consumed = 0;
    if (rest.startsWith('{')) {
      const close = rest.indexOf('}');
      const inner = close > 0 ? rest.slice(1, close) : '';
      if (close > 0 && /^[A-Za-z0-9_]+$/.test(inner)) {
        name = inner;
        consumed = close + 1;
      }
    } else {
      const word = /^[A-Za-z0-9_]+/.exec(rest);
      if (word) {
        name = word[0];
        consumed = name.length;
      }
    }
    if (name === undefined) {
      // Malformed reference: Go keeps the dollar sign as text.
      out += '$';
      continue;
    }
    rest = rest.slice(consumed);
    if (/^[0-9]+$/.test(name)) {
      out += match[Number(name)] ?? '';
    } else {
      out += match.groups?.[name] ?? '';
    }
  }
  return out + rest;
}

/** Regexp.ReplaceAllString / ReplaceAllLiteralString. */
export function replaceAll(re: RegExp, s: string, replacement: (m: RegExpExecArray) => string): string {
  let out = '';
  let lastMatchEnd = 0;
  let searchPos = 0;
  while (searchPos <= s.length) {
    const m = execAt(re, s, searchPos);
    if (!m) break;
    const start = m.index;
    const end = start + m[0].length;
    out += s.slice(lastMatchEnd, start);
    // No replacement for an empty match immediately after another match.
    if (end > lastMatchEnd || start === 0) out += replacement(m);
    lastMatchEnd = end;
    const width = searchPos < s.length ? runeWidth(s, searchPos) : 0;
    if (searchPos + width > end) searchPos += width;
    else if (searchPos + 1 > end) searchPos++;
    else searchPos = end;
  }
  return out + s.slice(lastMatchEnd);
}

/** Regexp.Split. */
export function splitAll(re: RegExp, s: string, n: number): string[] {
  if (n === 0) return [];
  if (re.source !== '(?:)' && s === '') return [''];
  const matches = findAll(re, s, n);
  const out: string[] = [];
  let begin = 0;
  let end = 0;
  for (const m of matches) {
    if (n > 0 && out.length === n - 1) break;
    end = m.index;
    if (m.index + m[0].length !== 0) out.push(s.slice(begin, end));
    begin = m.index + m[0].length;
  }
  if (end !== s.length) out.push(s.slice(begin));
  return out;
}

/** regexp.QuoteMeta. */
export function quoteMeta(s: string): string {
  return s.replace(/[\\.+*?()|[\]{}^$]/g, '\\$&');
}
