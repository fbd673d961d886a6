/**
 * Whether a program exists inside the target root, looked up along the PATH commands get
 * there. Checked before running so that a missing manager is "zypper is not installed in the
 * root", not chroot's "failed to run command".
 */
import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { isHostRoot, resolveInRoot, STANDARD_PATH } from '@yipts/system';

/** The program's path as seen inside the root, or undefined. */
export async function findProgram(root: string, program: string, env: Readonly<Record<string, string | undefined>>): Promise<string | undefined> {
  for (const dir of searchPath(root, env)) {
    const inside = `${dir.replace(/\/+$/, '')}/${program}`;
    try {
      const host = await resolveInRoot(root, inside);
      if (!(await stat(host)).isFile()) continue;
      await access(host, constants.X_OK);
      return inside;
    } catch {
      // not in this directory
    }
  }
  return undefined;
}

/** The directories searched: the caller's PATH on the host, the image's standard one in a chroot (as exec does). */
export function searchPath(root: string, env: Readonly<Record<string, string | undefined>>): string[] {
  const path = isHostRoot(root) ? env.PATH || STANDARD_PATH : STANDARD_PATH;
  return path.split(':').filter((d) => d.startsWith('/'));
}
