/**
 * The environment file format yip reads and writes (that of the godotenv library).
 *
 * Writing: one `KEY=VALUE` line per variable, lines sorted byte-wise, a final newline; a value
 * that is a decimal integer is written as the integer (`007` becomes `7`), any other value as
 * `KEY="VALUE"` with `\`, `"`, `!`, `$` and `` ` `` backslash-escaped and line breaks as `\n`/`\r`.
 *
 * Reading: blank lines and `#` comments skipped, an optional `export ` prefix, `KEY=VALUE` or
 * `KEY: VALUE`, single-quoted values taken literally, double-quoted ones unescaped (and allowed
 * to span lines), unquoted ones trimmed and cut at ` #`. Unlike godotenv, `$VAR` references are
 * kept as written rather than expanded from yip's own environment, so rewriting a file never
 * changes the values it already held.
 */

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/** Go's strconv.Atoi on a 64-bit platform: the integer, or undefined. */
function atoi(value: string): bigint | undefined {
  if (!/^[+-]?\d+$/.test(value)) return undefined;
  const n = BigInt(value);
  return n < INT64_MIN || n > INT64_MAX ? undefined : n;
}

const ESCAPES: Record<string, string> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '"': '\\"', '!': '\\!', $: '\\$', '`': '\\`' };

function escapeValue(value: string): string {
  return value.replace(/[\\\n\r"!$`]/g, (c) => ESCAPES[c]!);
}

export function formatLine(key: string, value: string): string {
  const n = atoi(value);
  return n === undefined ? `${key}="${escapeValue(value)}"` : `${key}=${n}`;
}

export function formatEnvironment(env: ReadonlyMap<string, string>): string {
  const lines = [...env].map(([k, v]) => formatLine(k, v));
  lines.sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
  return `${lines.join('\n')}\n`;
}

/** A key that the file format can hold: no separators, quotes, comments or whitespace. */
export function checkKey(key: string): void {
  if (key === '' || /[\s=:#"'`\\]/.test(key)) throw new Error(`\`${key}\` cannot be an environment variable name`);
}

export function parseEnvironment(text: string): Map<string, string> {
  const env = new Map<string, string>();
  let i = 0;
  const n = text.length;
  while (i < n) {
    const lineEnd = text.indexOf('\n', i) === -1 ? n : text.indexOf('\n', i);
    const line = text.slice(i, lineEnd);
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) {
      i = lineEnd + 1;
      continue;
    }
    const lead = line.length - line.trimStart().length;
    let start = i + lead;
    if (/^export\s+/.test(text.slice(start, lineEnd))) start += /^export\s+/.exec(text.slice(start, lineEnd))![0].length;
    const rest = text.slice(start, lineEnd);
    const sep = rest.search(/[=:]/);
    if (sep <= 0) {
      // Not an assignment: godotenv stops there; keeping what was read is kinder to the file.
      i = lineEnd + 1;
      continue;
    }
    const key = rest.slice(0, sep).trim();
    let j = start + sep + 1;
    while (j < lineEnd && (text[j] === ' ' || text[j] === '\t')) j++;
    const quote = text[j];
    if (quote === '"' || quote === "'") {
      const close = findClosingQuote(text, j + 1, quote);
      if (close !== -1) {
        const raw = text.slice(j + 1, close);
        env.set(key, quote === '"' ? unescapeDouble(raw) : raw);
        const after = text.indexOf('\n', close);
        i = after === -1 ? n : after + 1;
        continue;
      }
    }
    let value = text.slice(j, lineEnd);
    const comment = value.search(/\s#/);
    if (comment !== -1) value = value.slice(0, comment);
    env.set(key, value.trim());
    i = lineEnd + 1;
  }
  return env;
}

function findClosingQuote(text: string, from: number, quote: string): number {
  for (let k = from; k < text.length; k++) {
    if (text[k] === '\\' && quote === '"') {
      k++;
      continue;
    }
    if (text[k] === quote) return k;
  }
  return -1;
}

function unescapeDouble(raw: string): string {
  return raw.replace(/\\(.)/gs, (_m, c: string) => (c === 'n' ? '\n' : c === 'r' ? '\r' : c));
}
