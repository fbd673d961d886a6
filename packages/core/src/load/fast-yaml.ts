/**
 * A fast reader for the common case: a config that is valid and has nothing to report.
 *
 * The `yaml` library (yaml.ts) keeps every position, which error messages need, but cold — as
 * at every boot stage — it takes tens of milliseconds for a config of a few hundred lines.
 * js-yaml reads the same text several times faster. It is given a schema that resolves plain
 * scalars exactly as the YAML 1.1 schema of yaml.ts does (same patterns, same values, and the
 * text as written kept beside each value), so the two readers build the same node tree, only
 * without positions. The engine uses this tree only when nothing about the file needs a
 * position; otherwise the file is read again by yaml.ts (see executor.ts).
 */
import type { Schema, Type } from 'js-yaml';
import type { MapEntry, Position, YNode } from '../node.js';
import { LIMITS } from './limits.js';
import { flowTooDeep } from './too-deep.js';
import { bounded } from './yaml.js';
import { jsYamlLibrary } from './yaml-libraries.js';

const NOWHERE: Position = Object.freeze({ line: 0, col: 0 });

/** A resolved plain scalar with the text it was written as. */
class Literal {
  constructor(
    readonly value: string | number | boolean | null,
    readonly source: string,
  ) {}

  // js-yaml turns mapping keys into strings: a key keeps the text it was written as, as in yaml.ts.
  toString(): string {
    return this.source;
  }

  get [Symbol.toStringTag](): string {
    return 'YamlLiteral';
  }
}

function scalarType(name: string, test: RegExp, value: (text: string) => string | number | boolean | null): Type {
  // Each pattern needs a tag of its own: js-yaml keeps only the last type of a tag.
  return new (jsYamlLibrary().Type)(`tag:yipts,yaml-1.1:${name}`, {
    kind: 'scalar',
    resolve: (data: unknown) => typeof data === 'string' && test.test(data),
    construct: (data: string) => new Literal(value(data), data),
  });
}

function intOf(text: string, offset: number, radix: number): number {
  const sign = text[0];
  const digits = text.substring(sign === '-' || sign === '+' ? offset + 1 : offset).replace(/_/g, '');
  const n = Number.parseInt(digits, radix);
  return sign === '-' ? -1 * n : n;
}

function sexagesimal(text: string): number {
  const sign = text[0];
  const parts = text.replace(/^[-+]/, '').replace(/_/g, '').split(':');
  const n = parts.reduce((acc, p) => acc * 60 + Number(p), 0);
  return sign === '-' ? -n : n;
}

let schema: Schema | undefined;

/** The YAML 1.1 scalars of the `yaml` library, in its order of resolution; made on first use. */
function yaml11Schema(): Schema {
  if (schema) return schema;
  const jsYaml = jsYamlLibrary();
  // js-yaml's own `<<` type (its typings do not list `types`).
  const merge = (jsYaml as unknown as { types: { merge: Type } }).types.merge;
  schema = jsYaml.FAILSAFE_SCHEMA.extend({
    implicit: [
      scalarType('null', /^(?:~|[Nn]ull|NULL)?$/, () => null),
      scalarType('true', /^(?:Y|y|[Yy]es|YES|[Tt]rue|TRUE|[Oo]n|ON)$/, () => true),
      scalarType('false', /^(?:N|n|[Nn]o|NO|[Ff]alse|FALSE|[Oo]ff|OFF)$/, () => false),
      scalarType('int-bin', /^[-+]?0b[0-1_]+$/, (t) => intOf(t, 2, 2)),
      scalarType('int-oct', /^[-+]?0[0-7_]+$/, (t) => intOf(t, 1, 8)),
      scalarType('int', /^[-+]?[0-9][0-9_]*$/, (t) => intOf(t, 0, 10)),
      scalarType('int-hex', /^[-+]?0x[0-9a-fA-F_]+$/, (t) => intOf(t, 2, 16)),
      scalarType('float-nan', /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/, (t) =>
        t.slice(-3).toLowerCase() === 'nan' ? Number.NaN : t[0] === '-' ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY,
      ),
      scalarType('float-exp', /^[-+]?(?:[0-9][0-9_]*)?(?:\.[0-9_]*)?[eE][-+]?[0-9]+$/, (t) => Number.parseFloat(t.replace(/_/g, ''))),
      scalarType('float', /^[-+]?(?:[0-9][0-9_]*)?\.[0-9_]*$/, (t) => Number.parseFloat(t.replace(/_/g, ''))),
      scalarType('int-time', /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+$/, sexagesimal),
      scalarType('float-time', /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*$/, sexagesimal),
      merge,
    ],
  });
  return schema;
}

/**
 * The node tree of `text`, or undefined when the fast reader cannot tell (anything unusual:
 * several documents, duplicate keys, explicit tags, a key that is not a plain value, a syntax
 * error): the precise reader then decides and reports.
 */
export function fastParse(text: string): YNode | undefined | 'empty' {
  // js-yaml turns a collection used as a key into a plain string ("a,b"); yaml.ts rejects it.
  if (COMPLEX_KEY.test(text)) return undefined;
  if (flowTooDeep(text) !== undefined) return undefined;
  let data: unknown;
  try {
    data = jsYamlLibrary().load(text, { schema: yaml11Schema() });
  } catch {
    return undefined;
  }
  if (data === undefined || data === null || (data instanceof Literal && data.value === null)) return 'empty';
  try {
    const node = toNode(data, new Map(), 0);
    bounded(node);
    return node;
  } catch {
    return undefined;
  }
}

/** An explicit key (`? …`) or a flow collection used as a key (`[a, b]: c`). */
const COMPLEX_KEY = /^[ \t-]*(?:\?(?:[ \t]|$)|[[{][^\n]*[\]}][ \t]*:(?:[ \t]|$))/m;

/** Control flow only: the precise reader takes over and reports (never shown to users). */
class Unsupported extends Error {}

// Anything over a limit goes to the precise reader, which reports it with its position.
function toNode(value: unknown, done: Map<object, YNode>, depth: number): YNode {
  if (depth > LIMITS.depth) throw new Unsupported('depth');
  if (typeof value === 'string' && value.length > LIMITS.stringChars) throw new Unsupported('string');
  if (value instanceof Literal)
    return { kind: 'scalar', value: value.value, source: value.value === null ? '' : value.source, quoted: false, pos: NOWHERE };
  if (typeof value === 'string') return { kind: 'scalar', value, source: value, quoted: true, pos: NOWHERE };
  if (value === null || value === undefined) return { kind: 'scalar', value: null, source: '', quoted: false, pos: NOWHERE };
  if (typeof value !== 'object') throw new Unsupported(typeof value);
  const seen = done.get(value);
  if (seen) return seen;
  let node: YNode;
  if (Array.isArray(value)) {
    const items: YNode[] = [];
    node = { kind: 'seq', items, pos: NOWHERE };
    done.set(value, node);
    for (const item of value) items.push(toNode(item, done, depth + 1));
  } else {
    const entries: MapEntry[] = [];
    node = { kind: 'map', entries, pos: NOWHERE };
    done.set(value, node);
    for (const [key, v] of Object.entries(value)) {
      if (key === '[object Object]' || key.includes('[object ')) throw new Unsupported('complex key');
      // JavaScript objects list integer-like keys first, whatever their place in the document.
      if (/^(?:0|[1-9][0-9]*)$/.test(key)) throw new Unsupported('integer key');
      entries.push({ key, keyPos: NOWHERE, value: toNode(v, done, depth + 1) });
    }
  }
  return node;
}
