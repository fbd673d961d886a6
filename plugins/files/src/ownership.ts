/** Who owns what a step writes: `ownerstring` ("user[:group]", looked up in the root) wins over owner/group. */
import { resolveOwnerString } from '@yipts/system';

export interface Ownership {
  readonly uid: number;
  readonly gid: number;
}

export async function ownershipOf(
  root: string,
  entry: { owner?: number; group?: number; ownerstring?: string },
): Promise<Ownership | undefined> {
  if (entry.ownerstring) return resolveOwnerString(root, entry.ownerstring);
  if (entry.owner === undefined && entry.group === undefined) {
    // yip chowns to 0:0 when nothing is said; only root can, and only root needs it.
    return process.getuid?.() === 0 ? { uid: 0, gid: 0 } : undefined;
  }
  return { uid: entry.owner ?? 0, gid: entry.group ?? 0 };
}
