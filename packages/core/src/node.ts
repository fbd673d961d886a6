/**
 * The located YAML tree every config is turned into before validation.
 *
 * Validation, error messages and cloud-config conversion all need to know where a value came
 * from, so values are kept as nodes with positions instead of plain JavaScript objects.
 * Aliases share the node they point to, so the tree is a DAG: its expanded size is bounded by
 * the loader to defuse alias bombs.
 */
export interface Position {
  /** 1-based line. */
  readonly line: number;
  /** 1-based column. */
  readonly col: number;
}

export type ScalarValue = string | number | boolean | null;

export interface ScalarNode {
  readonly kind: 'scalar';
  readonly value: ScalarValue;
  /** The text as written in the source (without quotes); used where yip reads a scalar's text. */
  readonly source: string;
  /** True when the scalar was quoted or a block scalar: its text is a string whatever it looks like. */
  readonly quoted: boolean;
  readonly pos: Position;
}

export interface MapEntry {
  readonly key: string;
  readonly keyPos: Position;
  readonly value: YNode;
}

export interface MapNode {
  readonly kind: 'map';
  readonly entries: readonly MapEntry[];
  readonly pos: Position;
}

export interface SeqNode {
  readonly kind: 'seq';
  readonly items: readonly YNode[];
  readonly pos: Position;
}

export type YNode = ScalarNode | MapNode | SeqNode;

export const START: Position = Object.freeze({ line: 1, col: 1 });

export function scalar(value: ScalarValue, pos: Position = START, source?: string): ScalarNode {
  return { kind: 'scalar', value, source: source ?? (value === null ? '' : String(value)), quoted: typeof value === 'string', pos };
}

export function mapNode(entries: MapEntry[], pos: Position = START): MapNode {
  return { kind: 'map', entries, pos };
}

export function seqNode(items: YNode[], pos: Position = START): SeqNode {
  return { kind: 'seq', items, pos };
}

export function entry(key: string, value: YNode, keyPos: Position = value.pos): MapEntry {
  return { key, keyPos, value };
}

export function getEntry(node: MapNode, key: string): MapEntry | undefined {
  return node.entries.find((e) => e.key === key);
}

/** Builds a node tree from a plain value (in-memory configs, dot notation): every node gets `pos`. */
export function fromPlain(value: unknown, pos: Position = START): YNode {
  if (Array.isArray(value))
    return seqNode(
      value.map((v) => fromPlain(v, pos)),
      pos,
    );
  if (value !== null && typeof value === 'object') {
    return mapNode(
      Object.entries(value as Record<string, unknown>).map(([k, v]) => entry(k, fromPlain(v, pos), pos)),
      pos,
    );
  }
  if (value === undefined) return scalar(null, pos);
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value === null) {
    return scalar(value, pos);
  }
  return scalar(String(value), pos);
}

/** Converts a node tree back to plain JavaScript (aliases become shared references). */
export function toPlain(node: YNode): unknown {
  switch (node.kind) {
    case 'scalar':
      return node.value;
    case 'seq':
      return node.items.map(toPlain);
    case 'map': {
      const out: Record<string, unknown> = {};
      for (const e of node.entries) out[e.key] = toPlain(e.value);
      return out;
    }
  }
}

export function describeKind(node: YNode): string {
  if (node.kind === 'scalar') return node.value === null ? 'null' : typeof node.value;
  return node.kind === 'map' ? 'mapping' : 'sequence';
}
