/**
 * The `entity` text of ensure_entities / delete_entities: YAML naming a `kind` and the fields of
 * one line of an account file, with the field names of the entities library yip uses.
 */
import { yamlLibrary } from '@yipts/core';
import type { TableKind } from '@yipts/system';

export type EntityKind = 'user' | 'group' | 'shadow' | 'gshadow';

interface KindLayout {
  readonly table: TableKind;
  /** YAML field of each column of the line, in order; the first names the entry. */
  readonly columns: readonly string[];
  /** Fields that are not columns but help fill one (`group` gives a user's gid). */
  readonly extra: readonly string[];
  /** Columns that must hold an integer (a negative one asks for a free id). */
  readonly integers: readonly string[];
}

export const KIND_LAYOUT: Readonly<Record<EntityKind, KindLayout>> = Object.freeze({
  user: {
    table: 'passwd',
    columns: ['username', 'password', 'uid', 'gid', 'info', 'homedir', 'shell'],
    extra: ['group'],
    integers: ['uid', 'gid'],
  },
  group: { table: 'group', columns: ['group_name', 'password', 'gid', 'users'], extra: [], integers: ['gid'] },
  shadow: {
    table: 'shadow',
    columns: ['username', 'password', 'last_changed', 'minimum_changed', 'maximum_changed', 'warn', 'inactive', 'expire', 'reserved'],
    extra: [],
    integers: [],
  },
  gshadow: { table: 'gshadow', columns: ['name', 'password', 'administrators', 'members'], extra: [], integers: [] },
});

export interface Entity {
  readonly kind: EntityKind;
  /** The entry's name: username, group_name or name. */
  readonly name: string;
  /** The fields the text sets, by YAML name; a field that is absent is not in the map. */
  readonly fields: ReadonlyMap<string, string>;
  /** Keys of the text that no field of this kind has (reported as warnings). */
  readonly unknown: readonly string[];
}

function isKind(value: string): value is EntityKind {
  return Object.hasOwn(KIND_LAYOUT, value);
}

/** Scalars only: every value is read as the string it is written as (`uid: 1000` is "1000"). */
export function parseEntity(text: string): Entity {
  let doc: unknown;
  try {
    doc = yamlLibrary().parse(text, { schema: 'failsafe' });
  } catch (error) {
    throw new Error(`entity is not valid YAML: ${(error as Error).message.split('\n')[0]}`);
  }
  if (doc === null || doc === undefined || doc === '') throw new Error('entity is empty');
  if (typeof doc !== 'object' || Array.isArray(doc)) throw new Error('entity must be a YAML mapping with a `kind`');
  const map = doc as Record<string, unknown>;
  const kind = map.kind;
  if (typeof kind !== 'string' || !kind) throw new Error('entity has no `kind` (user, group, shadow or gshadow)');
  if (!isKind(kind)) throw new Error(`unsupported entity kind \`${kind}\` (user, group, shadow or gshadow)`);
  const layout = KIND_LAYOUT[kind];
  const known = new Set([...layout.columns, ...layout.extra]);
  const fields = new Map<string, string>();
  const unknown: string[] = [];
  for (const [key, value] of Object.entries(map)) {
    if (key === 'kind') continue;
    if (!known.has(key)) {
      unknown.push(key);
      continue;
    }
    if (typeof value !== 'string') throw new Error(`${kind} entity: \`${key}\` must be a scalar`);
    if (/[:\n]/.test(value)) throw new Error(`${kind} entity: \`${key}\` may not contain ':' or a newline`);
    if (layout.integers.includes(key) && !/^-?\d+$/.test(value.trim()))
      throw new Error(`${kind} entity: \`${key}\` must be an integer, not \`${value}\``);
    fields.set(key, layout.integers.includes(key) ? String(Number.parseInt(value, 10)) : value);
  }
  const nameField = layout.columns[0]!;
  const name = fields.get(nameField);
  if (!name) throw new Error(`${kind} entity has no \`${nameField}\``);
  return { kind, name, fields, unknown };
}
