// Function signatures mirror the Go parameter types that text/template checks before calling.

/**
 * any    - interface{}: missing values arrive as null
 * value  - reflect.Value (Go builtins): arrives untouched, undefined for missing
 * string/int/float/bool - must already have that type; Go does not convert
 * map    - map[string]interface{}: null when missing
 */
export type ParamKind = 'any' | 'value' | 'string' | 'int' | 'float' | 'bool' | 'map';

export interface FuncDef {
  readonly params: readonly ParamKind[];
  /** Element type of a trailing variadic parameter. */
  readonly variadic?: ParamKind;
  /** and/or evaluate their arguments lazily; the evaluator handles them itself. */
  readonly lazy?: boolean;
  readonly fn: (...args: never[]) => unknown;
}

export type FuncMap = Readonly<Record<string, FuncDef>>;

export function define(params: readonly ParamKind[], fn: (...args: never[]) => unknown, variadic?: ParamKind): FuncDef {
  return variadic === undefined ? { params, fn } : { params, fn, variadic };
}
