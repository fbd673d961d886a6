/**
 * Users and groups of the target root, read from its own /etc/passwd and /etc/group: inside an
 * image, `ownerstring: "kairos:admin"` means the image's kairos, not the host's.
 */
import { readFile } from 'node:fs/promises';
import { resolveInRoot } from './root-path.js';

export interface Account {
  readonly name: string;
  readonly id: number;
  /** Primary group id (users only). */
  readonly gid?: number;
  readonly home?: string;
}

async function readTable(root: string, file: string): Promise<string[][]> {
  try {
    const text = await readFile(await resolveInRoot(root, file), 'utf8');
    return text.split('\n').filter((l) => l && !l.startsWith('#')).map((l) => l.split(':'));
  } catch {
    return [];
  }
}

export async function findUser(root: string, nameOrId: string): Promise<Account | undefined> {
  for (const f of await readTable(root, '/etc/passwd')) {
    if (f[0] === nameOrId || f[2] === nameOrId) return { name: f[0]!, id: Number(f[2]), gid: Number(f[3]), home: f[5] ?? '' };
  }
  return undefined;
}

export async function findGroup(root: string, nameOrId: string): Promise<Account | undefined> {
  for (const f of await readTable(root, '/etc/group')) {
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
