// How JavaScript values stand in for Go's dynamic values.
//   undefined  -> an invalid reflect.Value (a missing map key, nil data)
//   null       -> a nil interface{} stored in a map or list
//   number     -> int when integral and within int64, float64 otherwise (JSON/YAML do not keep the difference)
//   arrays     -> []interface{};  plain objects and Map -> map[string]interface{};  Date -> time.Time

export type GoMap = Record<string, unknown> | Map<unknown, unknown>;

export function isNil(v: unknown): v is null | undefined {
  return v === null || v === undefined;
}

/** Integral numbers that fit int64 behave as Go ints (printing, %d, int parameters). */
export function isIntLike(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && Math.abs(v) < 2 ** 63;
}

export function isMap(v: unknown): v is GoMap {
  if (typeof v !== 'object' || v === null) return false;
  if (v instanceof Map) return true;
  return !(
    Array.isArray(v) ||
    v instanceof Date ||
    ArrayBuffer.isView(v) ||
    v instanceof Error ||
    v instanceof RegExp ||
    v instanceof Set ||
    v instanceof Promise
  );
}

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null) return false;
  const proto: unknown = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

export interface Lookup {
  found: boolean;
  value: unknown;
}

const OBJECT_PROTO_KEYS: ReadonlySet<string> = new Set(Object.getOwnPropertyNames(Object.prototype));

/**
 * Map lookup by key. Plain objects expose own properties only so `.constructor` and friends are not reachable;
 * class instances also expose their prototype members, which play the role of Go methods.
 */
export function mapGet(m: GoMap, key: unknown): Lookup {
  if (m instanceof Map) return { found: m.has(key), value: m.get(key) };
  const name = String(key);
  const record = m as Record<string, unknown>;
  if (Object.hasOwn(m, name)) {
    const value = record[name];
    return { found: value !== undefined, value };
  }
  if (!isPlainObject(m) && !OBJECT_PROTO_KEYS.has(name) && name in m) {
    return { found: true, value: record[name] };
  }
  return { found: false, value: undefined };
}

export function mapSet(m: GoMap, key: string, value: unknown): void {
  if (m instanceof Map) m.set(key, value);
  else (m as Record<string, unknown>)[key] = value;
}

export function mapDelete(m: GoMap, key: string): void {
  if (m instanceof Map) m.delete(key);
  else delete (m as Record<string, unknown>)[key];
}

export function mapKeys(m: GoMap): unknown[] {
  if (m instanceof Map) return [...m.keys()];
  return Object.keys(m).filter((k) => (m as Record<string, unknown>)[k] !== undefined);
}

export function mapSize(m: GoMap): number {
  return mapKeys(m).length;
}

function compareKeys(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const sa = String(a);
  const sb = String(b);
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

/** Go prints and ranges over maps in sorted key order; mirror that for determinism. */
export function sortedEntries(m: GoMap): Array<[unknown, unknown]> {
  return mapKeys(m)
    .sort(compareKeys)
    .map((k) => [k, mapGet(m, k).value]);
}

/** text/template's isTrue: zero values and empty collections are false. */
export function isTrue(v: unknown): boolean {
  if (isNil(v)) return false;
  switch (typeof v) {
    case 'boolean':
      return v;
    case 'number':
      return v !== 0;
    case 'bigint':
      return v !== 0n;
    case 'string':
      return v.length > 0;
    case 'function':
      return true;
    default:
      break;
  }
  if (Array.isArray(v)) return v.length > 0;
  if (ArrayBuffer.isView(v)) return v.byteLength > 0;
  if (isMap(v)) return mapSize(v) > 0;
  return true;
}

/** The Go name of a primitive value, the same for %T and for reflect.Kind; undefined otherwise. */
function primitiveName(v: unknown): string | undefined {
  switch (typeof v) {
    case 'string':
      return 'string';
    case 'boolean':
      return 'bool';
    case 'number':
      return isIntLike(v) ? 'int' : 'float64';
    case 'bigint':
      return 'int64';
    default:
      return undefined;
  }
}

/** Go's type name for a value, as %T and error messages print it. */
export function typeName(v: unknown): string {
  if (isNil(v)) return '<nil>';
  if (typeof v === 'function') return 'func(...interface {}) interface {}';
  const primitive = primitiveName(v);
  if (primitive) return primitive;
  if (Array.isArray(v)) return '[]interface {}';
  if (v instanceof Uint8Array) return '[]uint8';
  if (v instanceof Date) return 'time.Time';
  if (v instanceof Error) return '*errors.errorString';
  return 'map[string]interface {}';
}

/** reflect.Kind names, for sprig's kindOf/kindIs. */
export function kindName(v: unknown): string {
  if (isNil(v)) return 'invalid';
  if (typeof v === 'function') return 'func';
  const primitive = primitiveName(v);
  if (primitive) return primitive;
  if (Array.isArray(v) || ArrayBuffer.isView(v)) return 'slice';
  if (v instanceof Date) return 'struct';
  if (v instanceof Error) return 'ptr';
  return 'map';
}

/** reflect.DeepEqual over the value shapes above. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (isNil(a) || isNil(b)) return isNil(a) && isNil(b);
  if (typeof a === 'number' && typeof b === 'number') return Number.isNaN(a) && Number.isNaN(b) ? false : a === b;
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item, i) => deepEqual(item, b[i]));
  }
  if (a instanceof Uint8Array && b instanceof Uint8Array) {
    return a.length === b.length && a.every((byte, i) => byte === b[i]);
  }
  if (isMap(a) && isMap(b)) {
    const keys = mapKeys(a);
    if (keys.length !== mapSize(b)) return false;
    return keys.every((k) => {
      const other = mapGet(b, k);
      return other.found && deepEqual(mapGet(a, k).value, other.value);
    });
  }
  return false;
}
