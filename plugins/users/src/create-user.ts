/**
 * A user the root does not have yet: uid, own group, passwd and shadow lines, home. The files
 * are written group first and shadow last, so that an interrupted run leaves at most a group
 * that the next run picks up again (a group named after the user is reused, not duplicated).
 */
import type { UserSpec } from '@yipts/core';
import { daysSinceEpoch, editTable, readTable } from '@yipts/system';
import type { AccountFiles, AccountTable } from '@yipts/system';
import type { LoginDefaults } from './login-defaults.js';
import { DEFAULT_GECOS, freeId, ownGroupGid, primaryGid } from './new-user-ids.js';
import { newUserPassword } from './password.js';
import { parseId } from './validate.js';

export interface CreatedUser {
  readonly uid: number;
  readonly gid: number;
  readonly home: string;
  readonly notes: string[];
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
    // As yip: the first free gid whatever the uid, and the user is a member of its own group.
    gid = ownGroupGid(groups, login, system);
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
  await editTable(files.passwd, (t) => t.set([login, 'x', String(uid), String(gid), spec.gecos || DEFAULT_GECOS, home, shell]));
  const password = newUserPassword(spec);
  const today = String(daysSinceEpoch(env));
  // A shadow line left without its passwd line keeps its aging fields, as in yip.
  const aging = (t: AccountTable) => Array.from({ length: 6 }, (_, i) => t.get(login)?.[i + 3] ?? '');
  await editTable(files.shadow, (t) => t.set([login, password, today, ...aging(t)]), { create: true });
  return { uid, gid, home, notes };
}
