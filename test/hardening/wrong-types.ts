/**
 * Steps with a wrong value for one key of core's schema, for every key the schema knows (step
 * keys and, recursively, the keys of their mappings and list entries): the key list is read
 * from the schema itself, so a key added later is fuzzed too.
 */
import { yipSchema } from '@yipts/core';
import type { Schema } from '@yipts/core';
import type { Random } from './random.js';

/** A path of keys to a value: `['files', 0, 'permissions']` (numbers are list entries). */
export type KeyPath = readonly (string | number)[];

interface SchemaShape {
  readonly kind: string;
  readonly shape?: Record<string, Schema<unknown>>;
}

/** Every key path of the step schema; a list's entries are reached through index 0. */
export function schemaKeyPaths(): KeyPath[] {
  const step: Record<string, Schema<unknown>> = { ...yipSchema.stepCoreSchemas, ...yipSchema.conditionSchemas, ...yipSchema.actionSchemas };
  const out: KeyPath[] = [];
  const walk = (schema: Schema<unknown>, path: KeyPath, depth: number) => {
    out.push(path);
    const shape = (schema as SchemaShape).shape;
    if (shape && depth < 4) for (const [key, child] of Object.entries(shape)) walk(child, [...path, key], depth + 1);
  };
  for (const [key, schema] of Object.entries(step)) {
    walk(schema, [key], 0);
    // Lists of mappings (`files`, `after`…): the entry's keys, at index 0.
    const entry = listEntryOf(key);
    if (entry) for (const [k, child] of Object.entries(entry)) walk(child, [key, 0, k], 1);
  }
  return out;
}

/** The shape of the mappings a list key holds, taken from the schema's JSON Schema. */
function listEntryOf(key: string): Record<string, Schema<unknown>> | undefined {
  const entries: Record<string, SchemaShape> = {
    files: yipSchema.FileEntry,
    directories: yipSchema.DirectoryEntry,
    downloads: yipSchema.DownloadEntry,
    ensure_entities: yipSchema.EntityEntry,
    delete_entities: yipSchema.EntityEntry,
    unpack_images: yipSchema.UnpackImage,
  };
  return entries[key]?.shape;
}

/** Values of every YAML kind, and some that are hostile in size or shape. */
const WRONG_VALUES: readonly string[] = [
  '"text"',
  '12345',
  '-1',
  '3.5',
  'true',
  '~',
  '[]',
  '{}',
  '[a, b]',
  '{a: b}',
  '[[1], {x: [2]}]',
  '0644',
  '644',
  '99999999999999999999',
  '.nan',
  '!!binary aGVsbG8=',
  '2001-12-14t21:59:43.10-05:00',
  '{{ .Values.x }}',
  '"{{ .Values.x }}"',
  '&a [*a]',
  '*nowhere',
  `${'['.repeat(150)}${']'.repeat(150)}`,
  '|\n  block\n  text',
];

/** The YAML of `path` set to `value` inside a step, e.g. `files:\n  - permissions: x`. */
function nest(path: KeyPath, value: string, indent: string): string {
  const [head, ...rest] = path;
  if (head === undefined) return value;
  if (typeof head === 'number') return `\n${indent}- ${nest(rest, value, `${indent}  `).trimStart()}`;
  const inner = nest(rest, value, `${indent}  `);
  return `\n${indent}${head}: ${inner.startsWith('\n') ? inner : inner.replace(/\n/g, `\n${indent}  `)}`;
}

/** A config whose one step has a wrong value at a key path of the schema. */
export function wrongTypeConfig(random: Random, paths: readonly KeyPath[]): { text: string; stage: string } {
  const path = random.pick(paths);
  const value = random.pick(WRONG_VALUES);
  const step = nest(path, value, '      ').replace(/^\n {6}/, '');
  const text = `name: fuzz\nstages:\n  boot:\n    - name: wrong\n      ${step}\n    - name: next\n      commands: [true]\n`;
  return { text, stage: 'boot' };
}
