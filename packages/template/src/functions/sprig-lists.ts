// sprig list functions. They never modify their input: each returns a fresh array.
import { deepEqual, isNil } from '../values.js';
import { isEmpty, requireList, strslice } from './sprig-cast.js';
import { define } from './types.js';
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
  const step = count < 0 ? -1 : 1;
  const out: number[] = [];
  for (let i = 0; step > 0 ? i < count : i > count; i += step) out.push(i);
  return out;
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
};
