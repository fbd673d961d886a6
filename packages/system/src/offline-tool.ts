/**
 * Which copy of a systemd tool (systemctl, systemd-firstboot, …) works on a target root. These
 * tools know how to act on a directory that is not the running system (`--root=DIR`), so the
 * host's copy is used by default: it needs nothing mounted inside the root. When the host has
 * none, the image's own copy runs chrooted, with `--root=/` so that it still acts offline.
 * `host` or `root` force one of the two.
 */
import { posix } from 'node:path';
import { findExecutable } from './find-executable.js';

/** The choices, for the options schemas of the plugins that run such a tool. */
export const OFFLINE_TOOLS = ['auto', 'host', 'root'] as const;
export type OfflineTool = (typeof OFFLINE_TOOLS)[number];

export interface OfflineCommand {
  /** Program and the arguments that aim it at the root, before the caller's own arguments. */
  readonly argv: readonly string[];
  /** Where to run it: `/` for the host's copy, the target root for the image's copy. */
  readonly execRoot: string;
}

/** `env` is the caller's environment: its PATH is where the host's copy is looked for. */
export async function offlineCommand(
  tool: string,
  root: string,
  choice: OfflineTool,
  env: Readonly<Record<string, string | undefined>>,
): Promise<OfflineCommand> {
  if (choice !== 'root') {
    const host = await findExecutable('/', tool, env);
    if (host) return { argv: [host, `--root=${posix.resolve(root)}`], execRoot: '/' };
    if (choice === 'host') throw new Error(`${tool} is not installed on this host`);
  }
  const image = await findExecutable(root, tool);
  if (image) return { argv: [image, '--root=/'], execRoot: root };
  throw new Error(
    choice === 'root' ? `${tool} is not installed in the target root` : `${tool} is installed neither on this host nor in the target root`,
  );
}
