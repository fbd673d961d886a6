// Go literal syntax (numbers, quoted strings, character constants) as accepted by text/template.
// The sprig conversion helpers reuse the same rules because Go's strconv does.

const DEC_INT = /^[+-]?(?:0|[1-9](?:_?[0-9])*)$/;
const HEX_INT = /^[+-]?0[xX](?:_?[0-9a-fA-F])+$/;
const OCT_INT = /^[+-]?0[oO]?(?:_?[0-7])+$/;
const BIN_INT = /^[+-]?0[bB](?:_?[01])+$/;
const DEC_FLOAT = /^[+-]?(?:[0-9](?:_?[0-9])*(?:\.(?:[0-9](?:_?[0-9])*)?)?|\.[0-9](?:_?[0-9])*)(?:[eE][+-]?[0-9](?:_?[0-9])*)?$/;
const HEX_FLOAT = /^[+-]?0[xX](?:_?[0-9a-fA-F])*(?:\.(?:[0-9a-fA-F](?:_?[0-9a-fA-F])*)?)?[pP][+-]?[0-9](?:_?[0-9])*$/;
const INT64_MAX = 2n ** 63n - 1n;
const INT64_MIN = -(2n ** 63n);

function toBigIntWithBase(text: string, prefixLength: number, radix: number): bigint {
  const negative = text.startsWith('-');
  const body = text.replace(/^[+-]/, '').slice(prefixLength).replaceAll('_', '');
  let value = 0n;
  const big = BigInt(radix);
  for (const ch of body) value = value * big + BigInt(parseInt(ch, radix));
  return negative ? -value : value;
}

/**
 * strconv.ParseInt(text, 0, 64): base prefixes, a leading 0 meaning octal, and digit-separating underscores.
 * Returns undefined when the text is not an integer or does not fit in an int64.
 */
export function parseGoInt(text: string): number | undefined {
  let value: bigint;
  if (HEX_INT.test(text)) value = toBigIntWithBase(text, 2, 16);
  else if (BIN_INT.test(text)) value = toBigIntWithBase(text, 2, 2);
  else if (DEC_INT.test(text)) value = toBigIntWithBase(text, 0, 10);
  else if (OCT_INT.test(text)) {
    const unsigned = text.replace(/^[+-]/, '');
    value = toBigIntWithBase(text, /^0[oO]/.test(unsigned) ? 2 : 1, 8);
  } else return undefined;
  if (value > INT64_MAX || value < INT64_MIN) return undefined;
  return Number(value);
}

/** strconv.Atoi: plain decimal only, no prefixes or underscores. */
export function parseGoAtoi(text: string): number | undefined {
  if (!/^[+-]?[0-9]+$/.test(text)) return undefined;
  const value = BigInt(text);
  if (value > INT64_MAX || value < INT64_MIN) return undefined;
  return Number(value);
}

function parseHexFloat(text: string): number {
  const negative = text.startsWith('-');
  const unsigned = text.replace(/^[+-]/, '').slice(2).replaceAll('_', '');
  const [mantissa = '', exponentText = '0'] = unsigned.split(/[pP]/);
  const [whole = '', fraction = ''] = mantissa.split('.');
  let value = 0;
  for (const ch of whole + fraction) value = value * 16 + parseInt(ch, 16);
  const result = value * 2 ** (Number(exponentText) - 4 * fraction.length);
  return negative ? -result : result;
}

/** strconv.ParseFloat(text, 64), including hex floats and the special names Go accepts. */
export function parseGoFloat(text: string): number | undefined {
  if (DEC_FLOAT.test(text)) return Number(text.replaceAll('_', ''));
  if (HEX_FLOAT.test(text)) return parseHexFloat(text);
  const special = /^([+-]?)(inf|infinity|nan)$/i.exec(text);
  if (special) {
    if (special[2]?.toLowerCase() === 'nan') return Number.NaN;
    return special[1] === '-' ? -Infinity : Infinity;
  }
  return undefined;
}

export interface NumberLiteral {
  value: number;
  /** Go keeps track of whether a constant can be used as an int; literal `1.5` cannot. */
  isInt: boolean;
}

/** Mirrors parse.Tree.newNumber: integers first so 0x10 and 017 keep their base, then floats. */
export function parseNumberLiteral(text: string): NumberLiteral | string {
  if (text.endsWith('i')) return `complex numbers are not supported: ${text}`;
  const int = parseGoInt(text);
  if (int !== undefined) return { value: int, isInt: true };
  const float = parseGoFloat(text);
  if (float !== undefined && !Number.isNaN(float)) {
    if (!/[.eEpP]/.test(text)) return `integer overflow: ${text}`;
    return { value: float, isInt: Number.isInteger(float) && Math.abs(float) < 2 ** 63 };
  }
  return `illegal number syntax: "${text}"`;
}

function encodeUtf8(codePoint: number, bytes: number[]): void {
  for (const b of Buffer.from(String.fromCodePoint(codePoint), 'utf8')) bytes.push(b);
}

interface EscapeResult {
  /** Either a code point (to be UTF-8 encoded) or a raw byte, because Go's \x and octal escapes are bytes. */
  codePoint?: number;
  byte?: number;
  next: number;
}

function readEscape(body: string, i: number, quote: string): EscapeResult | undefined {
  const c = body[i];
  const simple: Record<string, number> = { a: 7, b: 8, f: 12, n: 10, r: 13, t: 9, v: 11, '\\': 92 };
  if (c === undefined) return undefined;
  if (c in simple) return { codePoint: simple[c], next: i + 1 };
  if (c === quote) return { codePoint: c.charCodeAt(0), next: i + 1 };
  if (c === 'x') {
    const hex = body.slice(i + 1, i + 3);
    if (!/^[0-9a-fA-F]{2}$/.test(hex)) return undefined;
    return { byte: parseInt(hex, 16), next: i + 3 };
  }
  if (c >= '0' && c <= '7') {
    const oct = body.slice(i, i + 3);
    if (!/^[0-7]{3}$/.test(oct)) return undefined;
    const value = parseInt(oct, 8);
    if (value > 255) return undefined;
    return { byte: value, next: i + 3 };
  }
  if (c === 'u' || c === 'U') {
    const size = c === 'u' ? 4 : 8;
    const hex = body.slice(i + 1, i + 1 + size);
    if (hex.length !== size || !/^[0-9a-fA-F]+$/.test(hex)) return undefined;
    const value = parseInt(hex, 16);
    if (value > 0x10ffff || (value >= 0xd800 && value <= 0xdfff)) return undefined;
    return { codePoint: value, next: i + 1 + size };
  }
  return undefined;
}

/** strconv.Unquote for "..." and `...` literals; returns undefined on invalid syntax. */
export function unquoteGo(literal: string): string | undefined {
  if (literal.length < 2) return undefined;
  const quote = literal[0];
  if (quote !== literal[literal.length - 1]) return undefined;
  const body = literal.slice(1, -1);
  if (quote === '`') {
    if (body.includes('`')) return undefined;
    // Go drops carriage returns from raw strings so CRLF files render like LF ones.
    return body.replaceAll('\r', '');
  }
  if (quote !== '"') return undefined;
  const bytes: number[] = [];
  let i = 0;
  while (i < body.length) {
    const cp = body.codePointAt(i) ?? 0;
    if (cp === 0x22 || cp === 0x0a) return undefined;
    if (cp !== 0x5c) {
      encodeUtf8(cp, bytes);
      i += cp > 0xffff ? 2 : 1;
      continue;
    }
    const escaped = readEscape(body, i + 1, '"');
    if (!escaped) return undefined;
    if (escaped.byte !== undefined) bytes.push(escaped.byte);
    else encodeUtf8(escaped.codePoint ?? 0, bytes);
    i = escaped.next;
  }
  return Buffer.from(bytes).toString('utf8');
}

/** Value of a Go character constant such as 'a', '\n' or '\u00e9'. */
export function parseCharConstant(literal: string): number | undefined {
  if (literal.length < 3 || literal[0] !== "'" || literal[literal.length - 1] !== "'") return undefined;
  const body = literal.slice(1, -1);
  if (body[0] !== '\\') {
    const cp = body.codePointAt(0);
    if (cp === undefined || cp === 0x27) return undefined;
    return String.fromCodePoint(cp).length === body.length ? cp : undefined;
  }
  const escaped = readEscape(body, 1, "'");
  if (!escaped || escaped.next !== body.length) return undefined;
  return escaped.byte ?? escaped.codePoint;
}
