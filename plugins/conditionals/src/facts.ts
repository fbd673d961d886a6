/** Facts the conditionals compare against, read from the target root when a step is checked. */
import { access } from 'node:fs/promises';
import { hostname } from 'node:os';
import type { RunContext } from '@yipts/core';
import { goArch, readOsRelease, resolveInRoot } from '@yipts/system';

export interface Facts {
  readonly hostname: string;
  readonly os: Record<string, string>;
  readonly arch: string;
  readonly serviceManagers: { readonly systemd: boolean; readonly openrc: boolean };
}

const BIN_DIRS = ['/sbin', '/bin', '/usr/sbin', '/usr/bin'];

/**
 * Read afresh for every check, never cached for the run: an earlier step may have written
 * os-release, installed a service manager or set the host name, and conditionals must see it.
 */
export function factsOf(run: RunContext): Promise<Facts> {
  return readFacts(run.options.root);
}

async function readFacts(root: string): Promise<Facts> {
  const [os, systemd, openrc] = await Promise.all([readOsRelease(root), anyExists(root, 'systemctl'), anyExists(root, 'openrc')]);
  return { hostname: hostname(), os, arch: goArch(), serviceManagers: { systemd, openrc } };
}

async function anyExists(root: string, program: string): Promise<boolean> {
  for (const dir of BIN_DIRS) if (await exists(root, `${dir}/${program}`)) return true;
  return false;
}

export async function exists(root: string, path: string): Promise<boolean> {
  try {
    await access(await resolveInRoot(root, path));
    return true;
  } catch {
    return false;
  }
}
