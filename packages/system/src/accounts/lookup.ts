/**
 * Users and groups of the target root, read from its own /etc/passwd and /etc/group: inside an
 * image, `ownerstring: "kairos:admin"` means the image's kairos, not the host's.
 */
import { accountFile, readTable as readAccountTable } from './table-file.js';

export interface Account {
  readonly name: string;
  readonly id: number;
  /** Primary group id (users only). */
  readonly gid?: number;
  readonly home?: string;
}

/** The fields of every entry of the root's `kind` file; none when the root has no such file. */
async function entries(root: string, kind: 'passwd' | 'group'): Promise<string[][]> {
  const table = await readAccountTable(await accountFile(root, kind));
  return table?.entries().map((e) => e.fields) ?? [];
}

export async function findUser(root: string, nameOrId: string): Promise<Account | undefined> {
  for (const f of await entries(root, 'passwd')) {
    if (f[0] === nameOrId || f[2] === nameOrId) return { name: f[0]!, id: Number(f[2]), gid: Number(f[3]), home: f[5] ?? '' };
  }
  return undefined;
}

export async function findGroup(root: string, nameOrId: string): Promise<Account | undefined> {
  for (const f of await entries(root, 'group')) {
    if (f[0] === nameOrId || f[2] === nameOrId) return { name: f[0]!, id: Number(f[2]) };
  }
  return undefined;
}

/**
 * Resolves "user[:group]" to ids, as yip's ownerstring: numbers are taken as ids, a user
 * without group gets the user's primary group.
 */
export async function resolveOwnerString(root: string, ownerstring: string): Promise<{ uid: number; gid: number }> {
  const [userPart, groupPart] = ownerstring.split(':', 2);
  const user = userPart ? await findUser(root, userPart) : undefined;
  const uid = user?.id ?? (userPart && /^\d+$/.test(userPart) ? Number(userPart) : undefined);
  if (uid === undefined) throw new Error(`unknown user \`${userPart}\` in ownerstring \`${ownerstring}\``);
  if (!groupPart) return { uid, gid: user?.gid ?? uid };
  const group = await findGroup(root, groupPart);
  const gid = group?.id ?? (/^\d+$/.test(groupPart) ? Number(groupPart) : undefined);
  if (gid === undefined) throw new Error(`unknown group \`${groupPart}\` in ownerstring \`${ownerstring}\``);
  return { uid, gid };
}
