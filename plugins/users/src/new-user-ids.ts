/**
 * What a new user gets when the config leaves it out: its uid, its primary group's gid, its
 * GECOS. One place, so that a plan says what the run then does.
 */
import { HUMAN_ID_MAX, HUMAN_ID_MIN, highestFreeId, lowestFreeId } from '@yipts/system';
import type { AccountTable } from '@yipts/system';

/** useradd -r's range for system accounts, counted down from the top. */
const SYSTEM_ID_MIN = 100;
const SYSTEM_ID_MAX = 999;

/** yip fills an empty GECOS with its account library's "Created by entities". */
export const DEFAULT_GECOS = 'Created by entities';

export function freeId(used: ReadonlySet<number>, system: boolean, what: string): number {
  const id = system ? highestFreeId(used, SYSTEM_ID_MIN, SYSTEM_ID_MAX) : lowestFreeId(used, HUMAN_ID_MIN, HUMAN_ID_MAX);
  if (id === undefined)
    throw new Error(`no free ${what} in ${system ? `${SYSTEM_ID_MIN}-${SYSTEM_ID_MAX}` : `${HUMAN_ID_MIN}-${HUMAN_ID_MAX}`}`);
  return id;
}

/** The gid of `primary_group`, by name or number, in the root's /etc/group. */
export function primaryGid(groups: AccountTable | undefined, name: string, where: string): number {
  const byName = groups?.get(name)?.[2];
  if (byName && /^\d+$/.test(byName)) return Number(byName);
  if (/^\d+$/.test(name) && groups?.entries().some((e) => e.fields[2] === name)) return Number(name);
  throw new Error(`primary group \`${name}\` does not exist in ${where}`);
}

/** The gid of a user's own group: the group named after it when there is one, else the first free gid. */
export function ownGroupGid(groups: AccountTable | undefined, login: string, system: boolean): number {
  const own = groups?.get(login)?.[2];
  return own && /^\d+$/.test(own) ? Number(own) : freeId(groups?.ids(2) ?? new Set<number>(), system, 'gid');
}
