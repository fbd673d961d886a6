/** Facts the conditionals compare against, read once per run from the target root. */
import { access } from 'node:fs/promises';
import { hostname } from 'node:os';
import type { RunContext } from '@yipts/core';
import { readOsRelease, resolveInRoot } from '@yipts/system';

export interface Facts {
  readonly hostname: string;
  readonly os: Record<string, string>;
  readonly arch: string;
  readonly serviceManagers: { readonly systemd: boolean; readonly openrc: boolean };
}

/** Go's GOARCH names, which yip configs use. */
const GOARCH: Record<string, string> = { x64: 'amd64', arm64: 'arm64', arm: 'arm', ia32: '386', ppc64: 'ppc64le', s390x: 's390x', riscv64: 'riscv64' };

const BIN_DIRS = ['/sbin', '/bin', '/usr/sbin', '/usr/bin'];

const FACTS = Symbol('conditionals:facts');

export function factsOf(run: RunContext): Promise<Facts> {
  let cached = run.state.get(FACTS) as Promise<Facts> | undefined;
  if (!cached) {
    cached = readFacts(run.options.root);
    run.state.set(FACTS, cached);
  }
  return cached;
}

async function readFacts(root: string): Promise<Facts> {
  const [os, systemd, openrc] = await Promise.all([readOsRelease(root), anyExists(root, 'systemctl'), anyExists(root, 'openrc')]);
  return { hostname: hostname(), os, arch: GOARCH[process.arch] ?? process.arch, serviceManagers: { systemd, openrc } };
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
