/**
 * `cdrom` (NoCloud, label cidata) and `config-drive` (OpenStack, label config-2): drives found
 * by filesystem label through blkid (there may be no udev, hence no /dev/disk/by-label) plus
 * the optical drives, each mounted read-only on a fresh temporary directory of the host and
 * always unmounted before the next one is looked at.
 */
import { mkdtemp, readFile, readdir, rmdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeFailure, execArgv } from '@yipts/system';
import type { ProviderResult } from './provider.js';

export interface DriveKind {
  /** `CDROM` or `CONFIG_DRIVE`, as yip names them in its log. */
  readonly label: string;
  readonly fsLabels: readonly string[];
  /** Tried in order; the first present file is the user data. */
  readonly files: readonly string[];
}

export const CDROM_FILES = ['user-data', 'config'] as const;
export const CONFIG_DRIVE_FILES = ['openstack/latest/user_data'] as const;

export interface DriveContext {
  readonly opticalDevices: readonly string[] | undefined;
  readonly signal: AbortSignal;
  readonly debug: (message: string) => void;
}

/** Devices whose filesystem carries one of the labels. */
async function devicesLabelled(labels: readonly string[], signal: AbortSignal): Promise<string[]> {
  const found: string[] = [];
  for (const label of labels) {
    // -c /dev/null: read the superblocks now, not a cache that may predate the drive.
    const r = await execArgv(['blkid', '-c', '/dev/null', '-o', 'device', '-t', `LABEL=${label}`], {
      root: '/',
      signal,
      timeoutMs: 30_000,
    });
    // Exit status 2: no device has that label.
    if (r.exitCode === 2) continue;
    if (r.exitCode !== 0) throw new Error(`blkid: ${describeFailure(r)}`);
    found.push(
      ...r.stdout
        .split('\n')
        .map((l) => l.trim())
        .filter(Boolean),
    );
  }
  return found;
}

async function opticalDrives(): Promise<string[]> {
  const names = await readdir('/dev').catch(() => [] as string[]);
  return names
    .filter((n) => /^sr\d+$/.test(n))
    .sort()
    .map((n) => `/dev/${n}`);
}

export async function listDrives(kind: DriveKind, ctx: DriveContext): Promise<string[]> {
  const labelled = await devicesLabelled(kind.fsLabels, ctx.signal);
  const optical = ctx.opticalDevices ?? (await opticalDrives());
  return [...new Set([...labelled, ...optical])];
}

/** Reads the user data of one drive; undefined when it cannot be mounted or has none. */
export async function readDrive(device: string, kind: DriveKind, ctx: DriveContext): Promise<ProviderResult | undefined> {
  const name = `${kind.label}(${device})`;
  const mountPoint = await mkdtemp(join(tmpdir(), 'yipts-datasource-'));
  try {
    const mounted = await execArgv(['mount', '-o', 'ro', device, mountPoint], { root: '/', signal: ctx.signal, timeoutMs: 60_000 });
    if (mounted.exitCode !== 0) {
      ctx.debug(`${name}: cannot mount: ${describeFailure(mounted)}`);
      return undefined;
    }
    try {
      for (const file of kind.files) {
        const data = await readFile(join(mountPoint, file)).catch(() => undefined);
        if (data && data.length > 0) return { name, userdata: data, metadata: [], sshKeys: [] };
      }
      ctx.debug(`${name}: none of ${kind.files.join(', ')} found`);
      return undefined;
    } finally {
      await unmount(mountPoint);
    }
  } finally {
    await rmdir(mountPoint).catch(() => {});
  }
}

async function unmount(mountPoint: string): Promise<void> {
  // Not tied to the step's signal: an abort must never leave the drive mounted.
  const r = await execArgv(['umount', mountPoint], { root: '/', timeoutMs: 60_000 });
  if (r.exitCode === 0) return;
  const lazy = await execArgv(['umount', '-l', mountPoint], { root: '/', timeoutMs: 60_000 });
  if (lazy.exitCode !== 0) throw new Error(`cannot unmount ${mountPoint}: ${describeFailure(lazy)}`);
}
