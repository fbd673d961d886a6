/** The four account files of a root, resolved once per user. */
import { TABLE_PATH } from '@yipts/plugin-entities';
import type { AccountFile, TableKind } from '@yipts/plugin-entities';
import { resolveInRoot } from '@yipts/system';

export type AccountFiles = Readonly<Record<TableKind, AccountFile>>;

export async function accountFiles(root: string): Promise<AccountFiles> {
  const file = async (kind: TableKind): Promise<AccountFile> => ({ root, kind, hostPath: await resolveInRoot(root, TABLE_PATH[kind]) });
  return { passwd: await file('passwd'), group: await file('group'), shadow: await file('shadow'), gshadow: await file('gshadow') };
}
