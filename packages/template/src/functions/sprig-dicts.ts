// sprig dictionary functions over map[string]interface{} (plain objects or Map instances here).
import { isMap, isNil, mapDelete, mapGet, mapKeys, mapSet } from '../values.js';
import type { GoMap } from '../values.js';
import { strval } from './sprig-cast.js';
import { define } from './types.js';
import type { FuncMap } from './types.js';

function dict(...pairs: unknown[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (let i = 0; i < pairs.length; i += 2) {
    // An odd trailing key maps to the empty string, as in sprig.
    out[strval(pairs[i])] = i + 1 < pairs.length ? pairs[i + 1] : '';
  }
  return out;
}

function get(d: GoMap | null, key: string): unknown {
  if (d === null) return '';
  const found = mapGet(d, key);
  return found.found ? found.value : '';
}

function set(d: GoMap | null, key: string, value: unknown): GoMap {
  if (d === null) throw new Error('assignment to entry in nil map');
  mapSet(d, key, value);
  return d;
}

function unset(d: GoMap | null, key: string): GoMap | null {
  if (d !== null) mapDelete(d, key);
  return d;
}

function keys(...dicts: Array<GoMap | null>): string[] {
  return dicts.flatMap((d) => (d === null ? [] : mapKeys(d).map(String)));
}

function values(d: GoMap | null): unknown[] {
  return d === null ? [] : mapKeys(d).map((k) => mapGet(d, k).value);
}

function pick(d: GoMap | null, ...names: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (d === null) return out;
  for (const name of names) {
    const found = mapGet(d, name);
    if (found.found) out[name] = found.value;
  }
  return out;
}

function omit(d: GoMap | null, ...names: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (d === null) return out;
  for (const key of mapKeys(d)) {
    if (!names.includes(String(key))) out[String(key)] = mapGet(d, key).value;
  }
  return out;
}

/** dig "a" "b" default $dict: walk nested maps, falling back to the default at the first gap. */
function dig(...args: unknown[]): unknown {
  if (args.length < 3) throw new Error('dig needs at least three arguments');
  const root = args[args.length - 1];
  const fallback = args[args.length - 2];
  const path = args.slice(0, -2);
  if (!isMap(root)) throw new Error('interface conversion: interface {} is not map[string]interface {}');
  let current: unknown = root;
  for (const key of path) {
    if (typeof key !== 'string') throw new Error('interface conversion: interface {} is not string');
    if (!isMap(current)) return fallback;
    const found = mapGet(current, key);
    if (!found.found) return fallback;
    current = found.value;
  }
  return current;
}

function pluck(name: string, ...dicts: Array<GoMap | null>): unknown[] {
  const out: unknown[] = [];
  for (const d of dicts) {
    if (isNil(d)) continue;
    const found = mapGet(d, name);
    if (found.found) out.push(found.value);
  }
  return out;
}

export const sprigDicts: FuncMap = {
  dict: define([], dict, 'any'),
  get: define(['map', 'string'], get),
  set: define(['map', 'string', 'any'], set),
  unset: define(['map', 'string'], unset),
  hasKey: define(['map', 'string'], (d: GoMap | null, key: string) => d !== null && mapGet(d, key).found),
  keys: define([], keys, 'map'),
  values: define(['map'], values),
  pick: define(['map'], pick, 'string'),
  omit: define(['map'], omit, 'string'),
  dig: define([], dig, 'any'),
  pluck: define(['string'], pluck, 'map'),
};
