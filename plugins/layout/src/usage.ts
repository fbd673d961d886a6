/**
 * Is a disk, or a region of it, in use? A partition that is mounted, used as swap, stacked on
 * (device-mapper, md) or mapped by a loop device that is itself in use must not be reformatted,
 * moved or shrunk. Only this process's mount namespace is visible; that is the one yip runs in.
 */
import { readFile, realpath, stat } from 'node:fs/promises';
import { blockInfo, holders, kernelPartitions, loopMappings } from './sysfs.js';

export interface Usage {
  /** `major:minor` -> where it is mounted (first mount point seen). */
  readonly mounts: ReadonlyMap<string, string>;
  /** `major:minor` of active swap devices. */
  readonly swaps: ReadonlySet<string>;
}

const unescapeMountinfo = (s: string) => s.replace(/\\([0-7]{3})/g, (_, o: string) => String.fromCharCode(parseInt(o, 8)));

async function devOf(path: string): Promise<string | undefined> {
  try {
    return (await blockInfo(path))?.dev;
  } catch {
    return undefined;
  }
}

export async function readUsage(): Promise<Usage> {
  const mounts = new Map<string, string>();
  const info = await readFile('/proc/self/mountinfo', 'utf8');
  for (const line of info.split('\n')) {
    const fields = line.split(' ');
    const dev = fields[2];
    const target = fields[4];
    if (!dev || !target) continue;
    const mountPoint = unescapeMountinfo(target);
    if (!mounts.has(dev)) mounts.set(dev, mountPoint);
    // Some filesystems (btrfs) report an anonymous device number: the source names the real one.
    const source = fields[fields.indexOf('-') + 2];
    if (source?.startsWith('/dev/')) {
      const real = await devOf(unescapeMountinfo(source));
      if (real && !mounts.has(real)) mounts.set(real, mountPoint);
    }
  }
  const swaps = new Set<string>();
  const swapText = await readFile('/proc/swaps', 'utf8').catch(() => '');
  for (const line of swapText.split('\n').slice(1)) {
    const name = line.split(/\s+/)[0];
    if (!name) continue;
    const real = await devOf(unescapeMountinfo(name));
    if (real) swaps.add(real);
  }
  return { mounts, swaps };
}

/** Why a block device (kernel name, major:minor) is in use, or undefined. */
async function deviceUse(usage: Usage, name: string, dev: string): Promise<string | undefined> {
  const at = usage.mounts.get(dev);
  if (at !== undefined) return `/dev/${name} is mounted on ${at}`;
  if (usage.swaps.has(dev)) return `/dev/${name} is an active swap device`;
  const stacked = await holders(name);
  if (stacked.length > 0) return `/dev/${name} is held by ${stacked.join(', ')}`;
  return undefined;
}

export interface DiskIdentity {
  /** The path given (block device or image file). */
  readonly path: string;
  /** Kernel name when a block device. */
  readonly kernelName?: string | undefined;
  readonly dev?: string | undefined;
}

/** Loop devices whose window over this disk overlaps [start, start+size) (bytes). */
async function overlappingLoops(disk: DiskIdentity, start: number, size: number): Promise<{ name: string; dev: string }[]> {
  const real = await realpath(disk.path).catch(() => disk.path);
  const out: { name: string; dev: string }[] = [];
  for (const loop of await loopMappings()) {
    let same = loop.backingFile === real || loop.backingFile === disk.path;
    if (!same && disk.dev && loop.backingFile.startsWith('/dev/')) same = (await devOf(loop.backingFile)) === disk.dev;
    if (!same) continue;
    const end = loop.sizeLimit > 0 ? loop.offset + loop.sizeLimit : Number.POSITIVE_INFINITY;
    if (loop.offset < start + size && end > start) {
      const st = await stat(`/dev/${loop.name}`).catch(() => undefined);
      const dev = st ? await devOf(`/dev/${loop.name}`) : undefined;
      if (dev) out.push({ name: loop.name, dev });
    }
  }
  return out;
}

/**
 * Why the byte range [start, start+size) of the disk is in use, or undefined. The disk itself
 * being mounted (a filesystem on the whole device) counts for every range.
 */
export async function regionUse(usage: Usage, disk: DiskIdentity, start: number, size: number): Promise<string | undefined> {
  if (disk.kernelName && disk.dev) {
    const whole = await deviceUse(usage, disk.kernelName, disk.dev);
    if (whole) return whole;
    for (const p of await kernelPartitions(disk.kernelName)) {
      if (p.start < start + size && p.start + p.size > start) {
        const why = await deviceUse(usage, p.name, p.dev);
        if (why) return why;
      }
    }
  }
  for (const loop of await overlappingLoops(disk, start, size)) {
    const why = await deviceUse(usage, loop.name, loop.dev);
    if (why) return `${why} (a loop device over ${disk.path})`;
  }
  return undefined;
}

export interface RegionMount {
  readonly mountPoint: string;
  /** The device it is mounted from: the partition's own node, or a loop device over its bytes. */
  readonly device: string;
  readonly via: 'node' | 'loop';
}

/** Where the filesystem in that byte range is mounted, if it is (through its partition node or a loop). */
export async function regionMount(usage: Usage, disk: DiskIdentity, start: number, size: number): Promise<RegionMount | undefined> {
  if (disk.kernelName) {
    for (const p of await kernelPartitions(disk.kernelName)) {
      const at = usage.mounts.get(p.dev);
      if (p.start === start && at !== undefined) return { mountPoint: at, device: `/dev/${p.name}`, via: 'node' };
    }
  }
  for (const loop of await overlappingLoops(disk, start, size)) {
    const at = usage.mounts.get(loop.dev);
    if (at !== undefined) return { mountPoint: at, device: `/dev/${loop.name}`, via: 'loop' };
  }
  return undefined;
}
