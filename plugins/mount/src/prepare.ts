/**
 * Preparing a target root for a chroot stage, in Elemental's order: the host's /dev, /dev/pts,
 * /proc, /sys (and /run when asked) bound in, read-only; then the labelled partitions and extra mounts,
 * sorted by target so that a parent is mounted before what goes below it; then the resolver.
 * Every mount is recorded as soon as it exists, so a failure half-way is undone by release.
 */
import { lstat, stat } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import { resolveInRoot } from '@yipts/system';
import { labelSource, oemLabelFromCmdline } from './labels.js';
import type { LabelSource } from './labels.js';
import { prepareMountPoint } from './mount-point.js';
import { overlayRoot } from './plan-overlay.js';
import type { MountPointKind } from './mount-point.js';
import { isWithin, readMountTable } from './mountinfo.js';
import type { ExtraMount, NormalizedOptions } from './options.js';
import { DEFAULT_LABELS } from './options.js';
import { provideResolver } from './resolver.js';
import type { MountKind, RootSession } from './session.js';
import { mustRun } from './tools.js';

export const SYSTEM_BINDS = ['/dev', '/dev/pts', '/proc', '/sys'] as const;

interface PlannedMount {
  readonly kind: MountKind;
  readonly target: string;
  /** What the log and errors call it, e.g. `COS_OEM (/dev/loop3)`. */
  readonly label: string;
  readonly run: (mountPoint: string) => Promise<{ source: string; hostBacked: boolean }>;
  /** A host path bound there: a file is bound on a file, a directory on a directory. */
  readonly bindSource?: string;
}

export interface PrepareContext {
  readonly options: NormalizedOptions;
  readonly signal: AbortSignal;
  /** Plan mode: the root under a throw-away overlay, every mount read-only, no resolver bound. */
  readonly readOnly?: boolean;
}

export async function prepareRoot(session: RootSession, ctx: PrepareContext): Promise<void> {
  if (ctx.readOnly) await overlayRoot(session);
  const binds = [...SYSTEM_BINDS, ...(ctx.options.bindRun ? ['/run'] : [])];
  for (const path of binds) {
    checkAborted(ctx.signal);
    if (ctx.readOnly && !(await mountPointExists(session, path))) continue;
    const mountPoint = await prepareMountPoint(session, path, 'dir', { createOnPartitions: false });
    await mustRun(['mount', '--bind', '--make-private', '--', path, mountPoint], `cannot bind the host's ${path} into ${session.root}`);
    await session.record({ kind: 'system', inside: path, target: mountPoint, source: path, hostBacked: true });
    // The host's own file systems are there to be used, never changed, from inside the root: a
    // step writing /dev/null or chmod-ing /dev of the image would otherwise change the host's.
    // Device nodes stay writable on a read-only mount, so /dev/null and ttys still work.
    await mustRun(['mount', '-o', 'remount,bind,ro', '--', mountPoint], `cannot make the host's ${path} read-only in ${session.root}`);
  }

  const extras = ctx.options.extraMounts.map((m) => (ctx.readOnly ? { ...m, options: [...(m.options ?? []), 'ro'] } : m));
  const planned = [...(await partitionMounts(session, ctx)), ...extras.map(extraMount)];
  planned.sort((a, b) => (a.target < b.target ? -1 : a.target > b.target ? 1 : 0));
  for (const m of planned) {
    checkAborted(ctx.signal);
    const kind = m.bindSource ? await pointKindOf(m.bindSource) : 'dir';
    const mountPoint = await prepareMountPoint(session, m.target, kind, { createOnPartitions: true });
    const { source, hostBacked } = await m.run(mountPoint);
    await session.record({ kind: m.kind, inside: m.target, target: mountPoint, source, hostBacked });
    if (ctx.readOnly) {
      await mustRun(['mount', '-o', 'remount,bind,ro', '--', mountPoint], `cannot make ${m.label} read-only in ${session.root}`);
    }
    session.log('info', `mounted ${m.label} at ${m.target} in ${session.root}`);
  }

  checkAborted(ctx.signal);
  // A plan reaches no repository and must not leave the resolver's placeholder behind.
  if (!ctx.readOnly) await provideResolver(session, ctx.options.resolvConf);
}

/** Plan mode: a bind of the host's own file systems is never made on a mount point created in the overlay. */
async function mountPointExists(session: RootSession, inside: string): Promise<boolean> {
  try {
    await lstat(await resolveInRoot(session.root, inside));
    return true;
  } catch {
    session.log('debug', `${inside} does not exist in ${session.root}: not mounted for the plan`);
    return false;
  }
}

async function pointKindOf(source: string): Promise<MountPointKind> {
  try {
    return (await stat(source)).isDirectory() ? 'dir' : 'file';
  } catch {
    throw new Error(`cannot bind ${source}: it does not exist on the host`);
  }
}

function checkAborted(signal: AbortSignal): void {
  if (signal.aborted) throw new Error('interrupted while preparing the root');
}

/** The labelled partitions that exist; a missing one is a warning, not a failure. */
async function partitionMounts(session: RootSession, ctx: PrepareContext): Promise<PlannedMount[]> {
  const labels = new Map(ctx.options.labels);
  const oemLabel = await oemLabelFromCmdline(ctx.options.cmdline);
  const oemTarget = DEFAULT_LABELS.COS_OEM ?? '/oem';
  if (oemLabel && oemLabel !== 'COS_OEM' && labels.get('COS_OEM') === oemTarget) {
    // The kernel command line renames the OEM partition for this machine.
    labels.delete('COS_OEM');
    labels.set(oemLabel, oemTarget);
  }
  const finder: LabelSource = labelSource(ctx.options);
  const out: PlannedMount[] = [];
  for (const [label, target] of labels) {
    const found = await finder.find(label);
    if (!found.device) {
      session.log(
        'warning',
        `no partition labelled ${label} found (${found.via}): ${target} is not mounted in ${session.root}; the stage runs without it`,
      );
      continue;
    }
    if (found.others.length)
      session.log(
        'warning',
        `several partitions are labelled ${label}: ${[found.device, ...found.others].join(', ')}; using ${found.device}`,
      );
    const device = found.device;
    out.push({
      kind: 'partition',
      target,
      label: `${label} (${device})`,
      run: (mountPoint) => mountPartition(session, label, device, mountPoint, ctx.readOnly === true),
    });
  }
  return out;
}

/** Mounts the device, or binds where it is mounted already: one filesystem, one set of options. */
async function mountPartition(
  session: RootSession,
  label: string,
  device: string,
  mountPoint: string,
  readOnly: boolean,
): Promise<{ source: string; hostBacked: boolean }> {
  let info: Stats;
  try {
    info = await stat(device);
  } catch {
    throw new Error(`partition ${label}: device ${device} does not exist`);
  }
  if (info.isBlockDevice()) {
    const number = `${major(info.rdev)}:${minor(info.rdev)}`;
    const table = await readMountTable();
    const current = table.find((m) => m.device === number && m.fsRoot === '/' && !isWithin(session.root, m.target));
    if (current) {
      await mustRun(
        ['mount', '--bind', '--make-private', '--', current.target, mountPoint],
        `cannot bind ${label} (${device}, mounted at ${current.target}) into ${session.root}`,
      );
      session.log('info', `${label} (${device}) is already mounted at ${current.target}: bound, not mounted again`);
      return { source: `${device} (bound from ${current.target})`, hostBacked: false };
    }
  }
  // Read-only from the start: a read-write mount, even a short one, writes the superblock.
  const options = readOnly ? ['-o', 'ro'] : [];
  const what = `cannot mount ${label} (${device}) into ${session.root}`;
  await mustRun(['mount', '--make-private', ...options, '--', device, mountPoint], what);
  return { source: device, hostBacked: false };
}

function extraMount(m: ExtraMount): PlannedMount {
  const opts = m.options?.length ? ['-o', m.options.join(',')] : [];
  const type = m.type ? ['-t', m.type] : [];
  return {
    kind: 'extra',
    target: m.target,
    label: m.bind ? `the host's ${m.source}` : m.source,
    ...(m.bind ? { bindSource: m.source } : {}),
    run: async (mountPoint) => {
      if (m.bind) {
        await mustRun(['mount', '--bind', '--make-private', ...opts, '--', m.source, mountPoint], `cannot bind ${m.source} at ${m.target}`);
        return { source: m.source, hostBacked: true };
      }
      await mustRun(['mount', '--make-private', ...type, ...opts, '--', m.source, mountPoint], `cannot mount ${m.source} at ${m.target}`);
      return { source: m.source, hostBacked: false };
    },
  };
}

// Linux's encoding of device numbers (glibc's gnu_dev_major/minor).
function major(dev: number): number {
  return Number(((BigInt(dev) >> 32n) & 0xfffff000n) | ((BigInt(dev) >> 8n) & 0xfffn));
}

function minor(dev: number): number {
  return Number(((BigInt(dev) >> 12n) & 0xffffff00n) | (BigInt(dev) & 0xffn));
}
