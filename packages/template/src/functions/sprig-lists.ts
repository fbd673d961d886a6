// sprig list functions. They never modify their input: each returns a fresh array.
import { deepEqual, isNil } from '../values.js';
import { isEmpty, requireList, strslice } from './sprig-cast.js';
import { define } from './types.js';
import { checkListLength } from '../limits.js';
import type { FuncMap } from './types.js';

function first(list: unknown): unknown {
  const items = requireList(list, 'find first');
  return items.length === 0 ? null : items[0];
}

function last(list: unknown): unknown {
  const items = requireList(list, 'find last');
  return items.length === 0 ? null : items[items.length - 1];
}

function rest(list: unknown): unknown {
  const items = requireList(list, 'find rest');
  return items.length === 0 ? null : items.slice(1);
}

function initial(list: unknown): unknown {
  const items = requireList(list, 'find initial');
  return items.length === 0 ? null : items.slice(0, -1);
}

function uniq(list: unknown): unknown[] {
  const out: unknown[] = [];
  for (const item of requireList(list, 'find uniq')) {
    if (!out.some((seen) => deepEqual(seen, item))) out.push(item);
  }
  return out;
}

function has(needle: unknown, haystack: unknown): boolean {
  if (isNil(haystack)) return false;
  return requireList(haystack, 'find has').some((item) => deepEqual(item, needle));
}

function without(list: unknown, ...omit: unknown[]): unknown[] {
  return requireList(list, 'find without').filter((item) => !omit.some((o) => deepEqual(o, item)));
}

function concat(...lists: unknown[]): unknown[] {
  const out: unknown[] = [];
  for (const list of lists) {
    if (!Array.isArray(list)) throw new Error(`Cannot concat type ${isNil(list) ? '<nil>' : typeof list} as list`);
    out.push(...list);
  }
  return out;
}

function until(count: number): number[] {
  return untilStep(0, count, count < 0 ? -1 : 1);
}

/** sprig's untilStep: start, start+step, … while before stop; a step away from stop gives []. */
function untilStep(start: number, stop: number, step: number): number[] {
  if (step === 0 || (stop < start ? step > 0 : step < 0)) return [];
  checkListLength(Math.max(0, Math.ceil((stop - start) / step)));
  const out: number[] = [];
  for (let i = start; step > 0 ? i < stop : i > stop; i += step) out.push(i);
  return out;
}

/** sprig's seq, like the shell's: `seq 3` is "1 2 3", `seq 2 4`, `seq 0 5 20` (start step end). */
function seq(...params: number[]): string {
  const [a = 0, b = 0, c = 0] = params;
  let list: number[];
  if (params.length === 1) list = untilStep(1, a < 1 ? a - 1 : a + 1, a < 1 ? -1 : 1);
  else if (params.length === 2) list = untilStep(a, b < a ? b - 1 : b + 1, b < a ? -1 : 1);
  else if (params.length === 3) list = c < a && b > 0 ? [] : untilStep(a, c < a ? c - 1 : c + 1, b);
  else list = [];
  return list.join(' ');
}

export const sprigLists: FuncMap = {
  list: define([], (...items: unknown[]) => items, 'any'),
  first: define(['any'], first),
  last: define(['any'], last),
  rest: define(['any'], rest),
  initial: define(['any'], initial),
  append: define(['any', 'any'], (list: unknown, item: unknown) => [...requireList(list, 'push'), item]),
  push: define(['any', 'any'], (list: unknown, item: unknown) => [...requireList(list, 'push'), item]),
  prepend: define(['any', 'any'], (list: unknown, item: unknown) => [item, ...requireList(list, 'prepend')]),
  uniq: define(['any'], uniq),
  has: define(['any', 'any'], has),
  without: define(['any'], without, 'any'),
  reverse: define(['any'], (list: unknown) => [...requireList(list, 'find reverse')].reverse()),
  compact: define(['any'], (list: unknown) => requireList(list, 'compact').filter((item) => !isEmpty(item))),
  concat: define([], concat, 'any'),
  sortAlpha: define(['any'], (list: unknown) => strslice(list).sort()),
  until: define(['int'], until),
  untilStep: define(['int', 'int', 'int'], untilStep),
  seq: define([], seq, 'int'),
};
