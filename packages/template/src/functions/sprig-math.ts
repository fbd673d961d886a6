// sprig integer math: operands go through cast.ToInt64, so "3" and 3.9 both count as 3.
import { toFloat64, toInt64 } from './sprig-cast.js';
import { define } from './types.js';
import type { FuncMap } from './types.js';

function divide(a: unknown, b: unknown): number {
  const divisor = toInt64(b);
  if (divisor === 0) throw new Error('runtime error: integer divide by zero');
  return Math.trunc(toInt64(a) / divisor);
}

function modulo(a: unknown, b: unknown): number {
  const divisor = toInt64(b);
  if (divisor === 0) throw new Error('runtime error: integer divide by zero');
  // JavaScript's % truncates toward zero like Go's, so the sign follows the dividend in both.
  return toInt64(a) % divisor;
}

/** sprig's round: half-up at the given number of decimal places, with a configurable threshold. */
function round(value: unknown, places: number, ...threshold: number[]): number {
  const roundOn = threshold[0] ?? 0.5;
  const pow = 10 ** places;
  const digit = pow * toFloat64(value);
  const fraction = digit - Math.trunc(digit);
  return (fraction >= roundOn ? Math.ceil(digit) : Math.floor(digit)) / pow;
}

export const sprigMath: FuncMap = {
  add: define([], (...values: unknown[]) => values.reduce<number>((sum, v) => sum + toInt64(v), 0), 'any'),
  add1: define(['any'], (v: unknown) => toInt64(v) + 1),
  sub: define(['any', 'any'], (a: unknown, b: unknown) => toInt64(a) - toInt64(b)),
  mul: define(['any'], (a: unknown, ...rest: unknown[]) => rest.reduce<number>((p, v) => p * toInt64(v), toInt64(a)), 'any'),
  div: define(['any', 'any'], divide),
  mod: define(['any', 'any'], modulo),
  max: define(['any'], (a: unknown, ...rest: unknown[]) => Math.max(toInt64(a), ...rest.map(toInt64)), 'any'),
  min: define(['any'], (a: unknown, ...rest: unknown[]) => Math.min(toInt64(a), ...rest.map(toInt64)), 'any'),
  floor: define(['any'], (v: unknown) => Math.floor(toFloat64(v))),
  ceil: define(['any'], (v: unknown) => Math.ceil(toFloat64(v))),
  round: define(['any', 'int'], round, 'float'),
};
