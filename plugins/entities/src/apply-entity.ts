/**
 * Adding, replacing and removing one entity line, the way the entities library behind yip
 * does, with these differences (all of them make a config do what it says):
 *   - a field the entity leaves out keeps the current line's value instead of becoming empty
 *     (a shadow entity that only sets `password` keeps the aging fields);
 *   - a new user must give `uid` and `gid` (or `group`): yip would write uid 0, a second root;
 *   - `uid: -1` / `gid: -1` keep the id of an entry that exists instead of moving it to a new
 *     free id at every run;
 *   - delete removes the entry with that name, whatever its other fields say.
 */
import {
  accountFile,
  daysSinceEpoch,
  describeFile,
  DYNAMIC_ID_MAX,
  DYNAMIC_ID_MIN,
  editTable,
  highestFreeId,
  readTable,
  shadowPassword,
} from '@yipts/system';
import type { AccountFile, AccountTable } from '@yipts/system';
import { KIND_LAYOUT } from './entity.js';
import type { Entity, EntityKind } from './entity.js';

export interface EntityTarget {
  readonly root: string;
  /** Path of the file inside the root; empty means the kind's usual file. */
  readonly path?: string;
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/** The fields of a line nobody wrote yet: passwords locked or in the shadow file. */
const NEW_LINE: Readonly<Record<EntityKind, (name: string) => string[]>> = {
  user: (name) => [name, 'x', '', '', '', '', ''],
  group: (name) => [name, 'x', '', ''],
  shadow: (name) => [name, '!', '', '', '', '', '', '', ''],
  gshadow: (name) => [name, '!', '', ''],
};

export async function entityFile(entity: Entity, target: EntityTarget): Promise<AccountFile> {
  return accountFile(target.root, KIND_LAYOUT[entity.kind].table, target.path || undefined);
}

function mergeMembers(current: string, added: string): string {
  const names = [...current.split(','), ...added.split(',')].map((n) => n.trim()).filter(Boolean);
  return [...new Set(names)].join(',');
}

function freeDynamicId(table: AccountTable, field: number, what: string): string {
  const id = highestFreeId(table.ids(field), DYNAMIC_ID_MIN, DYNAMIC_ID_MAX);
  if (id === undefined) throw new Error(`no free ${what} left in ${DYNAMIC_ID_MIN}-${DYNAMIC_ID_MAX}`);
  return String(id);
}

/** The gid of group `name` in the root's /etc/group (a user entity's `group` field). */
async function gidOfGroup(root: string, name: string): Promise<string> {
  const file = await accountFile(root, 'group');
  const gid = (await readTable(file))?.get(name)?.[2];
  if (!gid) throw new Error(`user entity: group \`${name}\` does not exist in ${describeFile(file)}`);
  return gid;
}

/** The new fields of `entity`'s line, given the current one (if any) and the table it goes in. */
function nextFields(
  entity: Entity,
  current: string[] | undefined,
  table: AccountTable,
  env: EntityTarget['env'],
  groupGid: string | undefined,
): string[] {
  const columns = KIND_LAYOUT[entity.kind].columns;
  const next = current ? [...current] : NEW_LINE[entity.kind](entity.name);
  columns.forEach((column, i) => {
    const value = entity.fields.get(column);
    if (i === 0 || value === undefined) return;
    next[i] = fieldValue(entity.kind, column, value, current?.[i], table, i, env);
  });
  if (groupGid !== undefined) next[3] = groupGid;
  if (entity.kind === 'user' && !current) {
    if (next[2] === '') throw new Error(`user \`${entity.name}\` is new: \`uid\` is required (-1 picks a free one)`);
    if (next[3] === '') throw new Error(`user \`${entity.name}\` is new: \`gid\` or \`group\` is required`);
  }
  if (entity.kind === 'group' && next[2] === '') next[2] = freeDynamicId(table, 2, 'gid');
  return next;
}

function fieldValue(
  kind: EntityKind,
  column: string,
  value: string,
  current: string | undefined,
  table: AccountTable,
  index: number,
  env: EntityTarget['env'],
): string {
  const negative = value.startsWith('-');
  if (kind === 'user' && column === 'gid' && negative) throw new Error('user entity: `gid` may not be negative');
  if ((kind === 'user' && column === 'uid') || (kind === 'group' && column === 'gid')) {
    if (!negative) return value;
    return current || freeDynamicId(table, index, column);
  }
  if (kind === 'group' && column === 'users') return mergeMembers(current ?? '', value);
  if (kind === 'group' && column === 'password' && value === '' && current !== undefined) return current;
  if (kind === 'shadow' && column === 'password') return value === '' ? '' : shadowPassword(value, current);
  if (kind === 'shadow' && column === 'last_changed' && value.trim() === 'now') return String(daysSinceEpoch(env));
  return value;
}

/** Adds or replaces the entity's line; returns true when the file changed. */
export async function ensureEntity(entity: Entity, target: EntityTarget): Promise<boolean> {
  const file = await entityFile(entity, target);
  const group = entity.kind === 'user' ? entity.fields.get('group') : undefined;
  const groupGid = group ? await gidOfGroup(target.root, group) : undefined;
  // The entities library creates a missing group or gshadow file, but not passwd or shadow.
  const create = entity.kind === 'group' || entity.kind === 'gshadow';
  return editTable(file, (table) => table.set(nextFields(entity, table.get(entity.name), table, target.env, groupGid)), { create });
}

/** Removes the entity's line; returns true when there was one. A missing file has nothing to remove. */
export async function deleteEntity(entity: Entity, target: EntityTarget): Promise<boolean> {
  const file = await entityFile(entity, target);
  if (!(await readTable(file))) return false;
  let removed = 0;
  await editTable(file, (table) => {
    removed = table.remove(entity.name);
  });
  return removed > 0;
}
