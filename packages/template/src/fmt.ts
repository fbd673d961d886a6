// The parts of Go's fmt package that templates reach: Sprint, Sprintln, Sprintf and %v printing.
import { formatFloat } from './go-float.js';
import type { FloatFormat } from './go-float.js';
import { canBackquote, quoteGo, quoteRune } from './quote.js';
import { goTimeString } from './time-layout.js';
import { isIntLike, isMap, isNil, isPlainObject, sortedEntries, typeName } from './values.js';

interface Flags {
  plus: boolean;
  minus: boolean;
  sharp: boolean;
  space: boolean;
  zero: boolean;
  plusV: boolean;
  sharpV: boolean;
  wid: number;
  widPresent: boolean;
  prec: number;
  precPresent: boolean;
}

function clearFlags(): Flags {
  return {
    plus: false,
    minus: false,
    sharp: false,
    space: false,
    zero: false,
    plusV: false,
    sharpV: false,
    wid: 0,
    widPresent: false,
    prec: 0,
    precPresent: false,
  };
}

function runeCount(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

function pad(s: string, f: Flags): string {
  if (!f.widPresent || f.wid === 0) return s;
  const width = f.wid - runeCount(s);
  if (width <= 0) return s;
  if (f.minus) return s + ' '.repeat(width);
  return (f.zero ? '0' : ' ').repeat(width) + s;
}

/** A class instance's own toString plays the role of Go's Stringer interface. */
function stringerOf(v: object): string | undefined {
  if (v instanceof Date) return goTimeString(v);
  if (v instanceof Error) return v.message;
  if (Array.isArray(v) || isPlainObject(v) || v instanceof Map) return undefined;
  const method = (v as { toString?: unknown }).toString;
  if (typeof method === 'function' && method !== Object.prototype.toString) {
    return String((method as () => unknown).call(v));
  }
  return undefined;
}

/** The integer verbs that print digits: their base, and whether hex digits are upper-case (%o and %O differ in the prefix only). */
const INTEGER_DIGITS: Readonly<Record<string, { readonly base: number; readonly upper: boolean }>> = {
  v: { base: 10, upper: false },
  d: { base: 10, upper: false },
  b: { base: 2, upper: false },
  o: { base: 8, upper: false },
  O: { base: 8, upper: false },
  x: { base: 16, upper: false },
  X: { base: 16, upper: true },
};

class Printer {
  out = '';

  constructor(private f: Flags) {}

  private badVerb(verb: string, arg: unknown): void {
    const saved = this.f;
    this.f = clearFlags();
    this.out += `%!${verb}(`;
    if (isNil(arg)) this.out += '<nil>';
    else {
      this.out += `${typeName(arg)}=`;
      this.printArg(arg, 'v', 0);
    }
    this.out += ')';
    this.f = saved;
  }

  printArg(arg: unknown, verb: string, depth: number): void {
    if (isNil(arg)) {
      if (depth > 0 && this.f.sharpV) this.out += 'interface {}(nil)';
      else if (depth > 0 || verb === 'T' || verb === 'v') this.out += pad('<nil>', this.f);
      else this.badVerb(verb, arg);
      return;
    }
    if (verb === 'T') {
      this.out += pad(typeName(arg), this.f);
      return;
    }
    switch (typeof arg) {
      case 'boolean':
        this.fmtBool(arg, verb);
        return;
      case 'number':
        if (isIntLike(arg) && !'eEfFgG'.includes(verb)) this.fmtInteger(BigInt(arg), verb, arg);
        else this.fmtFloat(arg, verb);
        return;
      case 'bigint':
        this.fmtInteger(arg, verb, arg);
        return;
      case 'string':
        this.fmtString(arg, verb);
        return;
      case 'function':
        if (verb === 'v' || verb === 'p') this.out += pad('0x0', this.f);
        else this.badVerb(verb, arg);
        return;
      default:
        break;
    }
    if (arg instanceof Uint8Array) {
      if ('sxXq'.includes(verb)) this.fmtString(Buffer.from(arg).toString('utf8'), verb);
      else this.printList([...arg], verb, depth, '[]uint8');
      return;
    }
    if (typeof arg === 'object' && !this.f.sharpV) {
      const text = stringerOf(arg);
      if (text !== undefined) {
        if ('vsxXq'.includes(verb)) this.fmtString(text, verb);
        else this.badVerb(verb, arg);
        return;
      }
    }
    if (Array.isArray(arg)) {
      this.printList(arg, verb, depth, '[]interface {}');
      return;
    }
    if (isMap(arg)) {
      this.printMap(arg, verb, depth);
      return;
    }
    this.fmtString(String(arg), verb);
  }

  private printList(items: readonly unknown[], verb: string, depth: number, type: string): void {
    if (this.f.sharpV) {
      this.out += `${type}{`;
      items.forEach((item, i) => {
        if (i > 0) this.out += ', ';
        this.printArg(item, verb, depth + 1);
      });
      this.out += '}';
      return;
    }
    this.out += '[';
    items.forEach((item, i) => {
      if (i > 0) this.out += ' ';
      this.printArg(item, verb, depth + 1);
    });
    this.out += ']';
  }

  private printMap(m: Parameters<typeof sortedEntries>[0], verb: string, depth: number): void {
    const entries = sortedEntries(m);
    this.out += this.f.sharpV ? 'map[string]interface {}{' : 'map[';
    entries.forEach(([key, value], i) => {
      if (i > 0) this.out += this.f.sharpV ? ', ' : ' ';
      this.printArg(key, verb, depth + 1);
      this.out += ':';
      this.printArg(value, verb, depth + 1);
    });
    this.out += this.f.sharpV ? '}' : ']';
  }

  private fmtBool(v: boolean, verb: string): void {
    if (verb === 't' || verb === 'v') this.out += pad(v ? 'true' : 'false', this.f);
    else this.badVerb(verb, v);
  }

  private fmtInteger(n: bigint, verb: string, original: unknown): void {
    const digits = INTEGER_DIGITS[verb];
    if (digits) {
      this.integerDigits(n, digits.base, verb, digits.upper);
      return;
    }
    switch (verb) {
      case 'c':
        this.out += pad(String.fromCodePoint(validRune(n)), this.f);
        return;
      case 'q':
        this.out += pad(quoteRune(validRune(n), this.f.plus), this.f);
        return;
      case 'U': {
        let text = `U+${n.toString(16).toUpperCase().padStart(4, '0')}`;
        if (this.f.sharp && n >= 0n && n <= 0x10ffffn) text += ` '${String.fromCodePoint(validRune(n))}'`;
        this.out += pad(text, this.f);
        return;
      }
      default:
        this.badVerb(verb, original);
    }
  }

  private integerDigits(n: bigint, base: number, verb: string, upper: boolean): void {
    const f = this.f;
    const negative = n < 0n;
    const abs = negative ? -n : n;
    let prec = 0;
    if (f.precPresent) {
      prec = f.prec;
      // Go prints nothing but padding for a zero value with precision zero.
      if (prec === 0 && abs === 0n) {
        this.out += pad('', { ...f, zero: false });
        return;
      }
    } else if (f.zero && !f.minus && f.widPresent) {
      prec = f.wid;
      if (negative || f.plus || f.space) prec--;
    }
    let digits = abs.toString(base);
    if (upper) digits = digits.toUpperCase();
    if (digits.length < prec) digits = '0'.repeat(prec - digits.length) + digits;
    if (f.sharp) {
      if (base === 2) digits = `0b${digits}`;
      else if (base === 8 && !digits.startsWith('0')) digits = `0${digits}`;
      else if (base === 16) digits = `${upper ? '0X' : '0x'}${digits}`;
    }
    if (verb === 'O') digits = `0o${digits}`;
    if (negative) digits = `-${digits}`;
    else if (f.plus) digits = `+${digits}`;
    else if (f.space) digits = ` ${digits}`;
    this.out += pad(digits, { ...f, zero: false });
  }

  private fmtFloat(v: number, verb: string): void {
    let format: FloatFormat;
    let prec = -1;
    switch (verb) {
      case 'v':
        format = 'g';
        break;
      case 'g':
      case 'G':
        format = verb;
        break;
      case 'e':
      case 'E':
      case 'f':
      case 'F':
        format = verb;
        prec = 6;
        break;
      default:
        this.badVerb(verb, v);
        return;
    }
    if (this.f.precPresent) prec = this.f.prec;
    const num = formatFloat(v, format, prec);
    let signed = num.startsWith('-') || num.startsWith('+') ? num : `+${num}`;
    if (this.f.space && signed.startsWith('+') && !this.f.plus) signed = ` ${signed.slice(1)}`;
    if (signed[1] === 'I' || signed[1] === 'N') {
      if (signed[1] === 'N' && !this.f.space && !this.f.plus) signed = signed.slice(1);
      this.out += pad(signed, { ...this.f, zero: false });
      return;
    }
    if (this.f.plus || !signed.startsWith('+')) {
      if (this.f.zero && !this.f.minus && this.f.widPresent && this.f.wid > signed.length) {
        this.out += signed[0] + '0'.repeat(this.f.wid - signed.length) + signed.slice(1);
        return;
      }
      this.out += pad(signed, this.f);
      return;
    }
    this.out += pad(signed.slice(1), this.f);
  }

  private truncate(s: string): string {
    if (!this.f.precPresent) return s;
    return [...s].slice(0, this.f.prec).join('');
  }

  private fmtString(s: string, verb: string): void {
    switch (verb) {
      case 'v':
        if (this.f.sharpV) this.out += pad(quoteGo(s), this.f);
        else this.out += pad(this.truncate(s), this.f);
        return;
      case 's':
        this.out += pad(this.truncate(s), this.f);
        return;
      case 'x':
      case 'X':
        this.out += pad(this.hexString(s, verb === 'X'), this.f);
        return;
      case 'q': {
        const text = this.truncate(s);
        if (this.f.sharp && canBackquote(text)) this.out += pad(`\`${text}\``, this.f);
        else this.out += pad(quoteGo(text, this.f.plus), this.f);
        return;
      }
      default:
        this.badVerb(verb, s);
    }
  }

  private hexString(s: string, upper: boolean): string {
    let bytes = [...Buffer.from(s, 'utf8')];
    if (this.f.precPresent) bytes = bytes.slice(0, this.f.prec);
    const prefix = this.f.sharp ? (upper ? '0X' : '0x') : '';
    const parts = bytes.map((b) => {
      const hex = b.toString(16).padStart(2, '0');
      return upper ? hex.toUpperCase() : hex;
    });
    if (this.f.space) return parts.map((p) => prefix + p).join(' ');
    return prefix + parts.join('');
  }
}

function validRune(n: bigint): number {
  if (n < 0n || n > 0x10ffffn || (n >= 0xd800n && n <= 0xdfffn)) return 0xfffd;
  return Number(n);
}

/** fmt.Sprint(v) for a single value, i.e. %v. */
export function formatValue(v: unknown): string {
  const p = new Printer(clearFlags());
  p.printArg(v, 'v', 0);
  return p.out;
}

function isStringArg(v: unknown): boolean {
  return typeof v === 'string';
}

/** fmt.Sprint: spaces only between operands when neither side is a string. */
export function sprint(args: readonly unknown[]): string {
  let out = '';
  args.forEach((arg, i) => {
    if (i > 0 && !isStringArg(arg) && !isStringArg(args[i - 1])) out += ' ';
    out += formatValue(arg);
  });
  return out;
}

/** fmt.Sprintln: always spaces, plus a trailing newline. */
export function sprintln(args: readonly unknown[]): string {
  return `${args.map((a) => formatValue(a)).join(' ')}\n`;
}

function parseNumber(format: string, i: number): { value: number; present: boolean; next: number } {
  let j = i;
  let value = 0;
  while (j < format.length && (format[j] ?? '') >= '0' && (format[j] ?? '') <= '9') {
    value = value * 10 + Number(format[j]);
    if (value > 1e6) return { value: 0, present: false, next: format.length };
    j++;
  }
  return { value, present: j > i, next: j };
}

/** fmt.Sprintf with flags, width, precision, `*` and explicit [n] argument indexes. */
export function sprintf(format: string, args: readonly unknown[]): string {
  let out = '';
  let argNum = 0;
  let reordered = false;
  let i = 0;
  const end = format.length;

  const argNumber = (pos: number): { pos: number; found: boolean; ok: boolean } => {
    if (format[pos] !== '[') return { pos, found: false, ok: true };
    reordered = true;
    const close = format.indexOf(']', pos);
    if (close < 0) return { pos, found: false, ok: false };
    const n = parseNumber(format, pos + 1);
    if (!n.present || n.next !== close) return { pos: close + 1, found: false, ok: false };
    const index = n.value - 1;
    if (index < 0 || index > args.length) return { pos: close + 1, found: false, ok: false };
    argNum = index;
    return { pos: close + 1, found: true, ok: true };
  };

  const intFromArg = (): { value: number; ok: boolean } => {
    const arg = args[argNum];
    argNum++;
    if (isIntLike(arg) && Math.abs(arg) <= 1e6) return { value: arg, ok: true };
    return { value: 0, ok: false };
  };

  while (i < end) {
    const start = i;
    while (i < end && format[i] !== '%') i++;
    out += format.slice(start, i);
    if (i >= end) break;
    i++;
    const f = clearFlags();
    let goodArgNum = true;
    flags: for (; i < end; i++) {
      switch (format[i]) {
        case '#':
          f.sharp = true;
          break;
        case '0':
          f.zero = !f.minus;
          break;
        case '+':
          f.plus = true;
          break;
        case '-':
          f.minus = true;
          f.zero = false;
          break;
        case ' ':
          f.space = true;
          break;
        default:
          break flags;
      }
    }
    let index = argNumber(i);
    goodArgNum &&= index.ok;
    i = index.pos;
    let afterIndex = index.found;
    if (format[i] === '*') {
      i++;
      const w = intFromArg();
      f.wid = w.value;
      f.widPresent = w.ok;
      if (!w.ok) out += '%!(BADWIDTH)';
      if (f.wid < 0) {
        f.wid = -f.wid;
        f.minus = true;
        f.zero = false;
      }
      afterIndex = false;
    } else {
      const w = parseNumber(format, i);
      f.wid = w.value;
      f.widPresent = w.present;
      i = w.next;
      if (afterIndex && f.widPresent) goodArgNum = false;
    }
    if (i + 1 < end && format[i] === '.') {
      i++;
      if (afterIndex) goodArgNum = false;
      index = argNumber(i);
      goodArgNum &&= index.ok;
      i = index.pos;
      afterIndex = index.found;
      if (format[i] === '*') {
        i++;
        const p = intFromArg();
        f.prec = p.value;
        f.precPresent = p.ok;
        if (f.prec < 0) {
          f.prec = 0;
          f.precPresent = false;
        }
        if (!p.ok) out += '%!(BADPREC)';
        afterIndex = false;
      } else {
        const p = parseNumber(format, i);
        f.prec = p.present ? p.value : 0;
        f.precPresent = true;
        i = p.next;
      }
    }
    if (!afterIndex) {
      index = argNumber(i);
      goodArgNum &&= index.ok;
      i = index.pos;
    }
    if (i >= end) {
      out += '%!(NOVERB)';
      break;
    }
    const verb = String.fromCodePoint(format.codePointAt(i) ?? 0);
    i += verb.length;
    if (verb === '%') {
      out += '%';
      continue;
    }
    if (!goodArgNum) {
      out += `%!${verb}(BADINDEX)`;
      continue;
    }
    if (argNum >= args.length) {
      out += `%!${verb}(MISSING)`;
      continue;
    }
    if (verb === 'v') {
      f.sharpV = f.sharp;
      f.sharp = false;
      f.plusV = f.plus;
      f.plus = false;
    }
    const printer = new Printer(f);
    printer.printArg(args[argNum], verb, 0);
    out += printer.out;
    argNum++;
  }
  if (!reordered && argNum < args.length) {
    out += '%!(EXTRA ';
    out += args
      .slice(argNum)
      .map((arg) => (isNil(arg) ? '<nil>' : `${typeName(arg)}=${formatValue(arg)}`))
      .join(', ');
    out += ')';
  }
  return out;
}
