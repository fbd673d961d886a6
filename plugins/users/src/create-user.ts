/**
 * A user the root does not have yet: uid, own group, passwd and shadow lines, home. The files
 * are written group first and shadow last, so that an interrupted run leaves at most a group
 * that the next run picks up again (a group named after the user is reused, not duplicated).
 */
import type { UserSpec } from '@yipts/core';
import { daysSinceEpoch, editTable, HUMAN_ID_MAX, HUMAN_ID_MIN, highestFreeId, lowestFreeId, readTable } from '@yipts/system';
import type { AccountFiles, AccountTable } from '@yipts/system';
import type { LoginDefaults } from './login-defaults.js';
import { newUserPassword } from './password.js';
import { parseId } from './validate.js';

/** useradd -r's range for system accounts, counted down from the top. */
const SYSTEM_ID_MIN = 100;
const SYSTEM_ID_MAX = 999;
const DEFAULT_GECOS = 'Created by entities';

export interface CreatedUser {
  readonly uid: number;
  readonly gid: number;
  readonly home: string;
  readonly notes: string[];
}

function freeId(used: ReadonlySet<number>, system: boolean, what: string): number {
  const id = system ? highestFreeId(used, SYSTEM_ID_MIN, SYSTEM_ID_MAX) : lowestFreeId(used, HUMAN_ID_MIN, HUMAN_ID_MAX);
  if (id === undefined)
    throw new Error(`no free ${what} in ${system ? `${SYSTEM_ID_MIN}-${SYSTEM_ID_MAX}` : `${HUMAN_ID_MIN}-${HUMAN_ID_MAX}`}`);
  return id;
}

/** The gid of `primary_group`, by name or number, in the root's /etc/group. */
function primaryGid(groups: AccountTable | undefined, name: string, where: string): number {
  const byName = groups?.get(name)?.[2];
  if (byName && /^\d+$/.test(byName)) return Number(byName);
  if (/^\d+$/.test(name) && groups?.entries().some((e) => e.fields[2] === name)) return Number(name);
  throw new Error(`primary group \`${name}\` does not exist in ${where}`);
}

export async function createUser(
  login: string,
  spec: UserSpec,
  files: AccountFiles,
  defaults: LoginDefaults,
  env: Readonly<Record<string, string | undefined>>,
): Promise<CreatedUser> {
  const notes: string[] = [];
  const passwd = await readTable(files.passwd);
  if (!passwd) throw new Error(`${files.passwd.hostPath} does not exist`);
  const groups = await readTable(files.group);
  const system = spec.system === true;

  const usedUids = passwd.ids(2);
  const uid = spec.uid ? parseId(spec.uid, 'uid') : freeId(usedUids, system, 'uid');
  if (spec.uid && usedUids.has(uid))
    notes.push(`uid ${uid} is already used by \`${passwd.entries().find((e) => e.fields[2] === String(uid))?.name}\``);

  let gid: number;
  if (spec.primary_group) {
    gid = primaryGid(groups, spec.primary_group, '/etc/group');
  } else {
    const own = groups?.get(login)?.[2];
    const usedGids = groups?.ids(2) ?? new Set<number>();
    // As yip: the first free gid whatever the uid, and the user is a member of its own group.
    gid = own && /^\d+$/.test(own) ? Number(own) : freeId(usedGids, system, 'gid');
    await editTable(
      files.group,
      (t) => {
        if (!t.has(login)) t.set([login, 'x', String(gid), login]);
      },
      { create: true },
    );
    if (await readTable(files.gshadow)) {
      await editTable(files.gshadow, (t) => {
        if (!t.has(login)) t.set([login, '!', '', '']);
      });
    }
  }

  const home = spec.homedir || `${defaults.home.replace(/\/+$/, '')}/${login}`;
  const shell = spec.shell || defaults.shell;
  // yip fills an empty GECOS with its account library's "Created by entities".
  await editTable(files.passwd, (t) => t.set([login, 'x', String(uid), String(gid), spec.gecos || DEFAULT_GECOS, home, shell]));
  const password = newUserPassword(spec);
  const today = String(daysSinceEpoch(env));
  // A shadow line left without its passwd line keeps its aging fields, as in yip.
  const aging = (t: AccountTable) => Array.from({ length: 6 }, (_, i) => t.get(login)?.[i + 3] ?? '');
  await editTable(files.shadow, (t) => t.set([login, password, today, ...aging(t)]), { create: true });
  return { uid, gid, home, notes };
}
