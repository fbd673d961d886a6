/**
 * Finding a program before running it, so that a missing one is "modprobe is not installed on
 * this system" or "zypper is not installed in the root", not execa's ENOENT or chroot's "failed
 * to run command". The directories are those a command gets where it runs (as exec does): the
 * caller's PATH on the host, the image's standard PATH in a target root, each looked up inside
 * the root so that the image's own links (/bin -> usr/bin) count and the host's programs do not.
 */
import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { posix } from 'node:path';
import { STANDARD_PATH } from './exec.js';
import { isHostRoot, resolveInRoot } from './root-path.js';

type Env = Readonly<Record<string, string | undefined>>;

/**
 * The directories searched, in order. Relative PATH entries are left out: they would mean the
 * working directory of whoever started the run, and a program found there is not one to run as root.
 */
export function executableSearchPath(root: string, env: Env = {}): string[] {
  const path = isHostRoot(root) ? env.PATH || STANDARD_PATH : STANDARD_PATH;
  return path.split(':').filter((dir) => dir.startsWith('/'));
}

/** The program's path as seen inside the root (on the host: its path), or undefined when none is a regular executable file. */
export async function findExecutable(root: string, name: string, env: Env = {}): Promise<string | undefined> {
  for (const dir of executableSearchPath(root, env)) {
    const inside = posix.join(dir, name);
    try {
      const host = await resolveInRoot(root, inside);
      // A directory passes access(X_OK); a shell would not run it, so neither is it found here.
      if (!(await stat(host)).isFile()) continue;
      await access(host, constants.X_OK);
      return inside;
    } catch {
      // not in this directory
    }
  }
  return undefined;
}
