/**
 * A user the root has already: as in yip, only the password changes (the shadow line keeps its
 * aging fields; the date of last change moves to today when the password does). Other fields
 * the spec gives that differ from the account are reported, never applied: changing the uid of
 * a living account would orphan its files.
 */
import type { UserSpec } from '@yipts/core';
import { daysSinceEpoch, editTable, readTable } from '@yipts/system';
import type { AccountFiles } from '@yipts/system';
import { updatedPassword } from './password.js';

export interface UpdatedUser {
  readonly passwordChanged: boolean;
  readonly uid: number;
  readonly gid: number;
  readonly notes: string[];
}

export async function updateUser(
  login: string,
  fields: readonly string[],
  spec: UserSpec,
  files: AccountFiles,
  env: Readonly<Record<string, string | undefined>>,
): Promise<UpdatedUser> {
  const notes: string[] = [];
  if (spec.uid && spec.uid.trim() !== fields[2]) notes.push(`exists with uid ${fields[2]}; \`uid: ${spec.uid}\` not applied`);
  if (spec.homedir && spec.homedir !== fields[5]) notes.push(`exists with home ${fields[5]}; \`homedir\` not applied`);
  if (spec.shell && spec.shell !== fields[6]) notes.push(`exists with shell ${fields[6]}; \`shell\` not applied`);

  let passwordChanged = false;
  const current = (await readTable(files.shadow))?.get(login);
  const field = updatedPassword(spec, current?.[1]);
  if (field !== undefined && field !== current?.[1]) {
    const line = current ? [...current] : [login, '', '', '', '', '', '', '', ''];
    line[1] = field;
    line[2] = String(daysSinceEpoch(env));
    await editTable(files.shadow, (t) => t.set(line), { create: true });
    passwordChanged = true;
  }
  return { passwordChanged, uid: Number(fields[2]), gid: Number(fields[3]), notes };
}
