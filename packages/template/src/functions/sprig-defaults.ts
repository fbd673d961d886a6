// sprig's default/empty family; "empty" follows template truthiness (0, "", false, nil, empty collections).
import { isEmpty } from './sprig-cast.js';
import { define } from './types.js';
import type { FuncMap } from './types.js';

function dfault(fallback: unknown, ...given: unknown[]): unknown {
  if (given.length === 0 || isEmpty(given[0])) return fallback;
  return given[0];
}

export const sprigDefaults: FuncMap = {
  default: define(['any'], dfault, 'any'),
  empty: define(['any'], isEmpty),
  coalesce: define([], (...values: unknown[]) => values.find((v) => !isEmpty(v)) ?? null, 'any'),
  all: define([], (...values: unknown[]) => values.every((v) => !isEmpty(v)), 'any'),
  any: define([], (...values: unknown[]) => values.some((v) => !isEmpty(v)), 'any'),
  ternary: define(['any', 'any', 'bool'], (whenTrue: unknown, whenFalse: unknown, condition: boolean) =>
    condition ? whenTrue : whenFalse,
  ),
};
