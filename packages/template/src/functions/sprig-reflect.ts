// Type inspection helpers; names are Go's so templates written for yip keep working.
import { deepEqual, kindName, typeName } from '../values.js';
import { define } from './types.js';
import type { FuncMap } from './types.js';

export const sprigReflect: FuncMap = {
  typeOf: define(['any'], typeName),
  kindOf: define(['any'], kindName),
  typeIs: define(['string', 'any'], (name: string, v: unknown) => typeName(v) === name),
  kindIs: define(['string', 'any'], (name: string, v: unknown) => kindName(v) === name),
  deepEqual: define(['any', 'any'], deepEqual),
};
