// Conversions sprig applies to loosely typed arguments (its strval/strslice helpers and spf13/cast).
import { formatValue } from '../fmt.js';
import { parseGoFloat, parseGoInt } from '../literals.js';
import { isNil, isTrue, kindName } from '../values.js';

/** sprig's strval: strings as-is, errors and Stringers by their text, everything else with %v. */
export function strval(v: unknown): string {
  if (typeof v === 'string') return v;
  if (v instanceof Uint8Array) return Buffer.from(v).toString('utf8');
  if (v instanceof Error) return v.message;
  return formatValue(v);
}

/** sprig's strslice: list elements as strings with nils dropped; a scalar becomes a one-element list. */
export function strslice(v: unknown): string[] {
  if (Array.isArray(v)) return v.filter((item) => !isNil(item)).map(strval);
  if (isNil(v)) return [];
  return [strval(v)];
}

/** cast.ToInt64 drops a trailing ".000" before parsing, so "3.0" converts but "3.5" does not. */
function trimZeroDecimal(s: string): string {
  let foundZero = false;
  for (let i = s.length; i > 0; i--) {
    const ch = s[i - 1];
    if (ch === '.') {
      if (foundZero) return s.slice(0, i - 1);
    } else if (ch === '0') {
      foundZero = true;
    } else {
      return s;
    }
  }
  return s;
}

/** cast.ToInt64 with errors ignored, as sprig's math functions do. */
export function toInt64(v: unknown): number {
  if (typeof v === 'number') return Number.isFinite(v) ? Math.trunc(v) : 0;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'string') return parseGoInt(trimZeroDecimal(v)) ?? 0;
  return 0;
}

/** cast.ToFloat64 with errors ignored. */
export function toFloat64(v: unknown): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'string') return parseGoFloat(v) ?? 0;
  return 0;
}

/** sprig's empty(): the negation of template truthiness. */
export function isEmpty(v: unknown): boolean {
  return !isTrue(v);
}

/** Lists for sprig's list helpers, which accept any slice and reject everything else by kind name. */
export function requireList(v: unknown, action: string): unknown[] {
  if (Array.isArray(v)) return v;
  if (v instanceof Uint8Array) return [...v];
  throw new Error(`Cannot ${action} on type ${isNil(v) ? '<nil>' : kindName(v)}`);
}
