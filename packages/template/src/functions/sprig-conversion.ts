// sprig type conversions. Failed conversions yield zero values, never errors, as in sprig.
import { parseGoAtoi } from '../literals.js';
import { strslice, strval, toFloat64, toInt64 } from './sprig-cast.js';
import { define } from './types.js';
import type { FuncMap } from './types.js';

export const sprigConversion: FuncMap = {
  atoi: define(['string'], (s: string) => parseGoAtoi(s) ?? 0),
  int: define(['any'], toInt64),
  int64: define(['any'], toInt64),
  float64: define(['any'], toFloat64),
  toString: define(['any'], strval),
  toStrings: define(['any'], strslice),
};
