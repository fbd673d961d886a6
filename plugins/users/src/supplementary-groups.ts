/**
 * `groups`: the user is added to the member list of each group that exists (in /etc/group and,
 * when the root has one, /etc/gshadow). A group that does not exist is not created: it is
 * reported as a warning and the others are still joined.
 */
import { editTable, readTable } from '@yipts/system';
import type { AccountFiles, AccountTable } from '@yipts/system';

function addMember(table: AccountTable, group: string, login: string): void {
  const fields = table.get(group);
  if (!fields) return;
  const members = fields[3] ? fields[3].split(',').filter(Boolean) : [];
  if (members.includes(login)) return;
  fields[3] = [...members, login].join(',');
  table.set(fields);
}

/** Joins the groups that exist; returns the names of those that do not. */
export async function joinGroups(files: AccountFiles, login: string, groups: readonly string[]): Promise<string[]> {
  const wanted = [...new Set(groups.map((g) => g.trim()).filter(Boolean))];
  if (!wanted.length) return [];
  const table = await readTable(files.group);
  const missing = wanted.filter((g) => !table?.has(g));
  const present = wanted.filter((g) => table?.has(g));
  if (!present.length) return missing;
  const addAll = (t: AccountTable) => {
    for (const g of present) addMember(t, g, login);
  };
  await editTable(files.group, addAll);
  if (await readTable(files.gshadow)) await editTable(files.gshadow, addAll);
  return missing;
}
