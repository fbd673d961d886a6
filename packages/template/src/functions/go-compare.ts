// eq/ne/lt/le/gt/ge with Go's rules: basic kinds compare by value, mixing kinds is an error,
// and nil only equals nil. All JavaScript numbers count as one kind since JSON/YAML erase int vs float.
import { isMap, isNil } from '../values.js';

type BasicKind = 'bool' | 'number' | 'string' | 'bigint';

/** The kind of a basic value, by its JavaScript type; undefined for anything else. */
const BASIC_KINDS: Readonly<Partial<Record<string, BasicKind>>> = { boolean: 'bool', number: 'number', bigint: 'bigint', string: 'string' };

function basicKind(v: unknown): BasicKind | undefined {
  return BASIC_KINDS[typeof v];
}

function numeric(v: unknown): number | bigint {
  return v as number | bigint;
}

function eqPair(a: unknown, b: unknown): boolean {
  const ka = basicKind(a);
  const kb = basicKind(b);
  if (ka && kb) {
    if (ka === kb) return a === b;
    if ((ka === 'number' || ka === 'bigint') && (kb === 'number' || kb === 'bigint')) {
      // Loose equality is the one JavaScript comparison that relates number and bigint by value.
      // biome-ignore lint/suspicious/noDoubleEquals: number against bigint, on purpose
      return numeric(a) == numeric(b);
    }
    throw new Error('incompatible types for comparison');
  }
  if (isNil(a) || isNil(b)) {
    // A nil compared with a basic value is simply unequal; two nils are equal.
    return isNil(a) && isNil(b);
  }
  if (ka || kb) throw new Error('incompatible types for comparison');
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  if (Array.isArray(a) || isMap(a) || typeof a === 'function') {
    throw new Error(`non-comparable type ${Array.isArray(a) ? '[]interface {}' : 'map[string]interface {}'}`);
  }
  return a === b;
}

export function eq(first: unknown, ...others: unknown[]): boolean {
  if (others.length === 0) throw new Error('missing argument for comparison');
  return others.some((other) => eqPair(first, other));
}

export function ne(a: unknown, b: unknown): boolean {
  return !eqPair(a, b);
}

export function lt(a: unknown, b: unknown): boolean {
  const ka = basicKind(a);
  const kb = basicKind(b);
  if (!ka || !kb) throw new Error('invalid type for comparison');
  const numbers = (ka === 'number' || ka === 'bigint') && (kb === 'number' || kb === 'bigint');
  if (ka !== kb && !numbers) throw new Error('incompatible types for comparison');
  if (ka === 'bool') throw new Error('invalid type for comparison');
  return (a as number | string) < (b as number | string);
}

export function le(a: unknown, b: unknown): boolean {
  return lt(a, b) || eqPair(a, b);
}

export function gt(a: unknown, b: unknown): boolean {
  return !le(a, b);
}

export function ge(a: unknown, b: unknown): boolean {
  return !lt(a, b);
}
