/**
 * Which program works on a target root. systemd's tools know how to act on a directory that is
 * not the running system (`--root=DIR`), so the host's copy is used by default: it needs nothing
 * mounted inside the root. When the host has none, the image's own copy runs chrooted, with
 * `--root=/` so that it still acts offline. `host` or `root` force one of the two.
 */
import { resolveInRoot, STANDARD_PATH } from '@yipts/system';
import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { posix } from 'node:path';
import { findExecutable } from './which.js';

export type OfflineTool = 'auto' | 'host' | 'root';

export interface OfflineCommand {
  /** Program and the arguments that aim it at the root, before the caller's own arguments. */
  readonly argv: readonly string[];
  /** Where to run it: `/` for the host's copy, the target root for the image's copy. */
  readonly execRoot: string;
}

async function inRoot(root: string, name: string): Promise<string | undefined> {
  for (const dir of STANDARD_PATH.split(':')) {
    const inside = posix.join(dir, name);
    try {
      const host = await resolveInRoot(root, inside);
      if (!(await stat(host)).isFile()) continue;
      await access(host, constants.X_OK);
      return inside;
    } catch {
      // not here
    }
  }
  return undefined;
}

export async function offlineCommand(name: string, root: string, choice: OfflineTool, hostPath: string | undefined): Promise<OfflineCommand> {
  if (choice !== 'root') {
    const host = await findExecutable(name, hostPath);
    if (host) return { argv: [host, `--root=${posix.resolve(root)}`], execRoot: '/' };
    if (choice === 'host') throw new Error(`${name} is not installed on this host`);
  }
  const image = await inRoot(root, name);
  if (image) return { argv: [image, '--root=/'], execRoot: root };
  throw new Error(choice === 'root' ? `${name} is not installed in the target root` : `${name} is installed neither on this host nor in the target root`);
}
