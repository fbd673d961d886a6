// The functions every Go template has, independent of sprig.
import { sprint, sprintf, sprintln } from '../fmt.js';
import { isIntLike, isMap, isNil, isTrue, mapGet, mapSize, typeName } from '../values.js';
import { eq, ge, gt, le, lt, ne } from './go-compare.js';
import { htmlEscape, jsEscape, queryEscape } from './go-escape.js';
import { define } from './types.js';
import type { FuncMap } from './types.js';

function byteLength(s: string): number {
  return Buffer.byteLength(s, 'utf8');
}

function length(item: unknown): number {
  if (isNil(item)) throw new Error('len of nil pointer');
  if (typeof item === 'string') return byteLength(item);
  if (Array.isArray(item)) return item.length;
  if (item instanceof Uint8Array) return item.length;
  if (isMap(item)) return mapSize(item);
  throw new Error(`len of type ${typeName(item)}`);
}

function indexArg(index: unknown, cap: number): number {
  if (isNil(index)) throw new Error('cannot index slice/array with nil');
  if (typeof index === 'bigint') index = Number(index);
  if (!isIntLike(index)) throw new Error(`cannot index slice/array with type ${typeName(index)}`);
  if (index < 0 || index > cap) throw new Error(`index out of range: ${index}`);
  return index;
}

function index(item: unknown, ...indexes: unknown[]): unknown {
  if (item === undefined) throw new Error('index of untyped nil');
  let current: unknown = item;
  for (const idx of indexes) {
    if (isNil(current)) throw new Error('index of nil pointer');
    if (typeof current === 'string' || Array.isArray(current) || current instanceof Uint8Array) {
      const bytes = typeof current === 'string' ? Buffer.from(current, 'utf8') : current;
      const i = indexArg(idx, bytes.length);
      if (i >= bytes.length) throw new Error(`index out of range: ${i}`);
      current = bytes[i];
      continue;
    }
    if (isMap(current)) {
      if (!(current instanceof Map) && typeof idx !== 'string') {
        throw new Error(`value has type ${typeName(idx)}; should be string`);
      }
      const found = mapGet(current, idx);
      // A missing key yields the map's zero value, a nil interface.
      current = found.found ? found.value : null;
      continue;
    }
    throw new Error(`can't index item of type ${typeName(current)}`);
  }
  return current;
}

function slice(item: unknown, ...indexes: unknown[]): unknown {
  if (isNil(item)) throw new Error('slice of untyped nil');
  if (indexes.length > 3) throw new Error(`too many slice indexes: ${indexes.length}`);
  let len: number;
  if (typeof item === 'string') {
    if (indexes.length === 3) throw new Error('cannot 3-index slice a string');
    len = byteLength(item);
  } else if (Array.isArray(item)) {
    len = item.length;
  } else {
    throw new Error(`can't slice item of type ${typeName(item)}`);
  }
  const idx = [0, len, len];
  indexes.forEach((value, i) => {
    idx[i] = indexArg(value, len);
  });
  const [from = 0, to = len, max = len] = idx;
  if (from > to) throw new Error(`invalid slice index: ${from} > ${to}`);
  if (indexes.length === 3 && to > max) throw new Error(`invalid slice index: ${to} > ${max}`);
  if (typeof item === 'string') return Buffer.from(item, 'utf8').subarray(from, to).toString('utf8');
  return item.slice(from, to);
}

/** html/js/urlquery print their arguments with Sprint, showing missing values as "<no value>". */
function escaperInput(args: unknown[]): string {
  if (args.length === 1 && typeof args[0] === 'string') return args[0];
  return sprint(args.map((a) => (isNil(a) ? '<no value>' : a)));
}

function call(fn: unknown, ...args: unknown[]): unknown {
  if (isNil(fn)) throw new Error('call of nil');
  if (typeof fn !== 'function') throw new Error(`non-function of type ${typeName(fn)}`);
  return (fn as (...a: unknown[]) => unknown)(...args.map((a) => (a === undefined ? null : a)));
}

export const goBuiltins: FuncMap = {
  // and/or are evaluated by the executor for short-circuiting; these bodies only serve direct calls.
  and: { ...define(['value'], (...args: unknown[]) => args.find((a) => !isTrue(a)) ?? args.at(-1), 'value'), lazy: true },
  or: { ...define(['value'], (...args: unknown[]) => args.find((a) => isTrue(a)) ?? args.at(-1), 'value'), lazy: true },
  not: define(['value'], (v: unknown) => !isTrue(v)),
  len: define(['value'], length),
  index: define(['value'], index, 'value'),
  slice: define(['value'], slice, 'value'),
  eq: define(['value'], eq, 'value'),
  ne: define(['value', 'value'], ne),
  lt: define(['value', 'value'], lt),
  le: define(['value', 'value'], le),
  gt: define(['value', 'value'], gt),
  ge: define(['value', 'value'], ge),
  print: define([], (...args: unknown[]) => sprint(args), 'any'),
  printf: define(['string'], (format: string, ...args: unknown[]) => sprintf(format, args), 'any'),
  println: define([], (...args: unknown[]) => sprintln(args), 'any'),
  html: define([], (...args: unknown[]) => htmlEscape(escaperInput(args)), 'any'),
  js: define([], (...args: unknown[]) => jsEscape(escaperInput(args)), 'any'),
  urlquery: define([], (...args: unknown[]) => queryEscape(escaperInput(args)), 'any'),
  call: define(['value'], call, 'value'),
};
