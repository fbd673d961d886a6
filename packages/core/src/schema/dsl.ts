/**
 * A small schema language for yip configs: one definition gives the TypeScript type (`Infer`),
 * the runtime check over located YAML nodes (with file:line:col) and an exported JSON Schema.
 *
 * The check coerces the way yip's Go decoder does: a string field takes any scalar as written
 * (`uid: 1002` is "1002", `version: 1.10` stays "1.10"), booleans accept yes/no/on/off, and
 * file modes accept YAML 1.1 octal. Unknown keys are warnings with the nearest known key,
 * never silent.
 */
import type { Diagnostic } from '../diagnostics.js';
import { diagnostic } from '../diagnostics.js';
import type { MapNode, ScalarNode, YNode } from '../node.js';
import { describeKind } from '../node.js';
import type { JSONSchema } from './json-schema.js';
import { nearest } from './suggest.js';

/** Returned by a check that failed; the failure itself is in the diagnostics. */
export const INVALID: unique symbol = Symbol('invalid');
export type Invalid = typeof INVALID;

export interface CheckContext {
  readonly file: string;
  readonly diagnostics: Diagnostic[];
  /** Keys that are valid but belong to no schema of this object (e.g. handled elsewhere). */
  readonly extraKeys?: ReadonlySet<string>;
  /** The key whose value is being checked, named by messages ("`commands`: expected a list…"). */
  readonly key?: string;
}

export interface Schema<T> {
  readonly kind: string;
  readonly description?: string;
  check(node: YNode, cx: CheckContext): T | Invalid;
  toJSONSchema(): JSONSchema;
  /** Type carrier only, never set at run time. */
  readonly __type?: T;
}

export type Infer<S> = S extends Schema<infer T> ? T : never;

/** "`key`: " when the key is known, to start a message with. */
export function keyPrefix(cx: CheckContext): string {
  return cx.key === undefined ? '' : `\`${cx.key}\`: `;
}

function typeError(cx: CheckContext, node: YNode, expected: string): Invalid {
  cx.diagnostics.push(diagnostic('error', 'type', `${keyPrefix(cx)}expected ${expected}, found ${describeKind(node)}`, cx.file, node.pos));
  return INVALID;
}

function define<T>(kind: string, check: Schema<T>['check'], json: () => JSONSchema, description?: string): Schema<T> {
  return Object.freeze(description === undefined ? { kind, check, toJSONSchema: json } : { kind, check, toJSONSchema: json, description });
}

/** Adds a description, shown in the JSON Schema and the docs. */
export function describe<T>(schema: Schema<T>, description: string): Schema<T> {
  return Object.freeze({ ...schema, description, toJSONSchema: () => ({ ...schema.toJSONSchema(), description }) });
}

/** Any scalar, as written. `null` (an empty value) is the empty string, as Go decodes it. */
export function string(): Schema<string> {
  return define(
    'string',
    (node, cx) => {
      if (node.kind !== 'scalar') return typeError(cx, node, 'a string');
      if (node.value === null) return '';
      return typeof node.value === 'string' ? node.value : node.source;
    },
    () => ({ type: ['string', 'number', 'boolean'] }),
  );
}

const TRUE_WORDS = new Set(['true', 'yes', 'on', 'y']);
const FALSE_WORDS = new Set(['false', 'no', 'off', 'n']);

export function boolean(): Schema<boolean> {
  return define(
    'boolean',
    (node, cx) => {
      if (node.kind !== 'scalar') return typeError(cx, node, 'a boolean');
      if (typeof node.value === 'boolean') return node.value;
      if (node.value === null) return false;
      const word = String(node.source).toLowerCase();
      if (TRUE_WORDS.has(word)) return true;
      if (FALSE_WORDS.has(word)) return false;
      return typeError(cx, node, 'a boolean (true/false, yes/no, on/off)');
    },
    () => ({ type: ['boolean', 'string'] }),
  );
}

export function integer(): Schema<number> {
  return define(
    'integer',
    (node, cx) => {
      if (node.kind !== 'scalar') return typeError(cx, node, 'an integer');
      if (typeof node.value === 'number' && Number.isInteger(node.value)) return node.value;
      if (node.value === null) return 0;
      if (typeof node.value === 'string' && /^[+-]?\d+$/.test(node.value.trim())) return Number.parseInt(node.value, 10);
      return typeError(cx, node, 'an integer');
    },
    () => ({ type: ['integer', 'string'] }),
  );
}

/** Parses the mode notations real configs use: 0644 (octal), 0o644, 0x1a4, and plain decimal. */
export function parseMode(text: string): number | undefined {
  const t = text.trim().toLowerCase();
  if (/^0o?[0-7]+$/.test(t)) return Number.parseInt(t.replace(/^0o?/, '') || '0', 8);
  if (/^0x[0-9a-f]+$/.test(t)) return Number.parseInt(t.slice(2), 16);
  if (/^\d+$/.test(t)) return Number.parseInt(t, 10);
  return undefined;
}

/**
 * A file mode. Plain YAML integers are taken as the parser resolved them (YAML 1.1: `0644` is
 * octal, `644` decimal as in yip); quoted strings such as "0644" are read as octal, since that is
 * what anybody writing them means.
 */
export function mode(): Schema<number> {
  return define(
    'mode',
    (node, cx) => {
      if (node.kind !== 'scalar') return typeError(cx, node, 'a file mode');
      let value: number | undefined;
      if (typeof node.value === 'number') value = node.value;
      else if (typeof node.value === 'string')
        value = parseMode(node.value.startsWith('0') || !node.quoted ? node.value : `0${node.value}`);
      if (value === undefined || !Number.isInteger(value) || value < 0 || value > 0o7777) {
        return typeError(cx, node, 'a file mode such as 0644');
      }
      if (looksOctal(node, value)) {
        const octal = value.toString(8).padStart(4, '0');
        const reading = `${node.source} is read as a decimal number, as yip does: mode ${octal}`;
        const message = `${keyPrefix(cx)}${reading}; did you mean 0${node.source}?`;
        cx.diagnostics.push(diagnostic('warning', 'mode-decimal', message, cx.file, node.pos));
      }
      return value;
    },
    () => ({ type: ['integer', 'string'], minimum: 0, maximum: 0o7777 }),
  );
}

/**
 * `644` written without its 0: octal digits whose decimal reading sets the setuid, setgid or
 * sticky bits, which nobody means (`644` is mode 1204). A deliberate decimal such as 420 (0644)
 * does not set them and is left alone.
 */
function looksOctal(node: ScalarNode, value: number): boolean {
  return typeof node.value === 'number' && !node.quoted && /^[1-7][0-7]{2,3}$/.test(node.source) && value > 0o777;
}

export function list<T>(item: Schema<T>): Schema<T[]> {
  return define(
    'list',
    (node, cx) => {
      if (node.kind === 'scalar' && node.value === null) return [];
      if (node.kind !== 'seq') return typeError(cx, node, 'a list');
      const out: T[] = [];
      let ok = true;
      for (const child of node.items) {
        const value = item.check(child, cx);
        if (value === INVALID) ok = false;
        else out.push(value);
      }
      return ok ? out : INVALID;
    },
    () => ({ type: 'array', items: item.toJSONSchema() }),
  );
}

/** A list where a single value is also accepted, as several yip fields allow. */
export function listOrOne<T>(item: Schema<T>): Schema<T[]> {
  const asList = list(item);
  return define(
    'list',
    (node, cx) =>
      node.kind === 'seq' || (node.kind === 'scalar' && node.value === null) ? asList.check(node, cx) : wrap(item.check(node, cx)),
    () => ({ anyOf: [asList.toJSONSchema(), item.toJSONSchema()] }),
  );
}

function wrap<T>(value: T | Invalid): T[] | Invalid {
  return value === INVALID ? INVALID : [value];
}

export function record<T>(value: Schema<T>): Schema<Record<string, T>> {
  return define(
    'record',
    (node, cx) => {
      if (node.kind === 'scalar' && node.value === null) return {};
      if (node.kind !== 'map') return typeError(cx, node, 'a mapping');
      const out: Record<string, T> = {};
      let ok = true;
      for (const e of node.entries) {
        const v = value.check(e.value, cx);
        if (v === INVALID) ok = false;
        else out[e.key] = v;
      }
      return ok ? out : INVALID;
    },
    () => ({ type: 'object', additionalProperties: value.toJSONSchema() }),
  );
}

export type Shape = Record<string, Schema<unknown>>;
/** The value of a mapping schema: every key optional, except the `required` ones (`R`). */
export type InferShape<S extends Shape, R extends keyof S = never> = {
  [K in keyof S as K extends R ? never : K]?: Infer<S[K]>;
} & { [K in R]-?: Infer<S[K]> } extends infer T
  ? { [K in keyof T]: T[K] }
  : never;

export interface ObjectSchema<S extends Shape, R extends keyof S = never> extends Schema<InferShape<S, R>> {
  readonly shape: S;
  /** Aliases accepted for a key (`owner_string` for `ownerstring`), mapped to the canonical name. */
  readonly aliases: Readonly<Record<string, keyof S & string>>;
}

/**
 * A mapping with known keys, all optional as in yip (a missing key is Go's zero value).
 * Unknown keys are reported as warnings naming the nearest known key and are otherwise ignored.
 */
export function object<S extends Shape, const R extends keyof S & string = never>(
  shape: S,
  options: { aliases?: Record<string, keyof S & string>; required?: readonly R[] } = {},
): ObjectSchema<S, R> {
  const aliases = options.aliases ?? {};
  const required: readonly string[] = options.required ?? [];
  const known = [...Object.keys(shape), ...Object.keys(aliases)];
  const check = (node: YNode, cx: CheckContext): InferShape<S, R> | Invalid => {
    if (node.kind === 'scalar' && node.value === null && required.length === 0) return {} as InferShape<S, R>;
    if (node.kind !== 'map') return typeError(cx, node, 'a mapping');
    return checkEntries(node, cx);
  };
  const checkEntries = (node: MapNode, cx: CheckContext): InferShape<S, R> | Invalid => {
    const out: Record<string, unknown> = {};
    let ok = true;
    for (const e of node.entries) {
      const key = Object.hasOwn(aliases, e.key) ? aliases[e.key]! : e.key;
      const schema = Object.hasOwn(shape, key) ? shape[key] : undefined;
      if (!schema) {
        if (cx.extraKeys?.has(e.key)) continue;
        const suggestion = nearest(e.key, cx.extraKeys ? [...known, ...cx.extraKeys] : known);
        const hint = suggestion ? `; did you mean \`${suggestion}\`?` : '';
        cx.diagnostics.push(diagnostic('warning', 'unknown-key', `unknown key \`${e.key}\` is ignored${hint}`, cx.file, e.keyPos));
        continue;
      }
      const value = schema.check(e.value, { ...cx, key: e.key });
      if (value === INVALID) ok = false;
      else out[key] = value;
    }
    for (const key of required) {
      if (!(key in out) && ok) {
        cx.diagnostics.push(diagnostic('error', 'required', `${keyPrefix(cx)}missing required key \`${key}\``, cx.file, node.pos));
        ok = false;
      }
    }
    return ok ? (out as InferShape<S, R>) : INVALID;
  };
  const toJSONSchema = (): JSONSchema => {
    const properties: Record<string, JSONSchema> = {};
    for (const [k, s] of Object.entries(shape)) properties[k] = s.toJSONSchema();
    for (const [alias, target] of Object.entries(aliases))
      properties[alias] = { ...shape[target]!.toJSONSchema(), description: `alias of \`${target}\`` };
    return required.length
      ? { type: 'object', properties, additionalProperties: false, required: [...required] }
      : { type: 'object', properties, additionalProperties: false };
  };
  return Object.freeze({ kind: 'object', shape, aliases, check, toJSONSchema });
}

/** Accepts the first alternative whose kind fits the node (scalar, list or mapping). */
export function oneOf<A, B>(a: Schema<A>, b: Schema<B>, pick: (node: YNode) => 'a' | 'b'): Schema<A | B> {
  return define(
    'oneOf',
    (node, cx) => (pick(node) === 'a' ? a.check(node, cx) : b.check(node, cx)),
    () => ({ anyOf: [a.toJSONSchema(), b.toJSONSchema()] }),
  );
}

export function enumOf<const T extends string>(values: readonly T[]): Schema<T> {
  const str = string();
  return define(
    'enum',
    (node, cx) => {
      const v = str.check(node, cx);
      if (v === INVALID) return v;
      if ((values as readonly string[]).includes(v)) return v as T;
      const message = `${keyPrefix(cx)}expected one of ${values.join(', ')}, found \`${v}\``;
      cx.diagnostics.push(diagnostic('error', 'type', message, cx.file, node.pos));
      return INVALID;
    },
    () => ({ type: 'string', enum: [...values] }),
  );
}

/** Anything at all, kept as plain data (used for free-form maps such as `entity`). */
export function unknownValue(): Schema<YNode> {
  return define(
    'any',
    (node) => node,
    () => ({}),
  );
}
