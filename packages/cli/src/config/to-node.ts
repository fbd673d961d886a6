import type { YNode } from '@yipts/core';

/** A plain config value as a node tree, so the schema language can check it (no positions in JSON/JS). */
export function toNode(value: unknown): YNode {
  const pos = { line: 0, col: 0 };
  if (Array.isArray(value)) return { kind: 'seq', items: value.map(toNode), pos };
  if (value !== null && typeof value === 'object') {
    return { kind: 'map', entries: Object.entries(value).map(([key, v]) => ({ key, keyPos: pos, value: toNode(v) })), pos };
  }
  const scalar = value === undefined ? null : typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? value : String(value);
  return { kind: 'scalar', value: scalar, source: scalar === null ? '' : String(scalar), quoted: typeof scalar === 'string', pos };
}
