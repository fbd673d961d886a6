/** What the running kernel knows about block devices, read from sysfs. */
import { existsSync } from 'node:fs';
import { readFile, readdir, realpath, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

export interface BlockInfo {
  /** Kernel name, e.g. `sda3`, `nvme0n1p3`, `loop0p1`. */
  readonly name: string;
  /** `major:minor`. */
  readonly dev: string;
  /** Set when this is a partition: its number and the kernel name of its disk. */
  readonly partition?: { readonly number: number; readonly disk: string };
}

const readTrim = (path: string) => readFile(path, 'utf8').then((s) => s.trim());

/** The sysfs view of a block device node, or undefined when the path is not a block device. */
export async function blockInfo(path: string): Promise<BlockInfo | undefined> {
  const st = await stat(path);
  if (!st.isBlockDevice()) return undefined;
  const major = Math.floor(st.rdev / 256) & 0xfff;
  const minor = (st.rdev & 0xff) | ((Math.floor(st.rdev / 4096) & 0xfff00) >>> 0);
  const dev = `${major}:${minor}`;
  const sys = await realpath(`/sys/dev/block/${dev}`);
  const name = basename(sys);
  if (existsSync(join(sys, 'partition'))) {
    const number = Number(await readTrim(join(sys, 'partition')));
    return { name, dev, partition: { number, disk: basename(dirname(sys)) } };
  }
  return { name, dev };
}

/** Size of a block device in bytes (sysfs counts 512-byte units whatever the sector size). */
export async function blockSizeBytes(name: string): Promise<number> {
  return Number(await readTrim(`/sys/class/block/${name}/size`)) * 512;
}

export interface KernelPartition {
  readonly name: string;
  readonly number: number;
  readonly dev: string;
  /** In bytes. */
  readonly start: number;
  readonly size: number;
}

/** The partitions the kernel holds for a disk (as added by its own parser, partx or BLKPG). */
export async function kernelPartitions(disk: string): Promise<KernelPartition[]> {
  const dir = `/sys/class/block/${disk}`;
  const out: KernelPartition[] = [];
  for (const entry of await readdir(dir).catch(() => [] as string[])) {
    const p = join(dir, entry);
    if (!existsSync(join(p, 'partition'))) continue;
    const [number, start, size, dev] = await Promise.all([
      readTrim(join(p, 'partition')),
      readTrim(join(p, 'start')),
      readTrim(join(p, 'size')),
      readTrim(join(p, 'dev')),
    ]);
    out.push({ name: entry, number: Number(number), dev, start: Number(start) * 512, size: Number(size) * 512 });
  }
  return out;
}

/** Kernel names of whatever is stacked on a device (device-mapper, md, ...). */
export async function holders(name: string): Promise<string[]> {
  return readdir(`/sys/class/block/${name}/holders`).catch(() => [] as string[]);
}

export interface LoopMapping {
  readonly name: string;
  readonly backingFile: string;
  readonly offset: number;
  /** 0: up to the end of the backing file. */
  readonly sizeLimit: number;
}

/** Every attached loop device with its backing file and window. */
export async function loopMappings(): Promise<LoopMapping[]> {
  const out: LoopMapping[] = [];
  for (const name of await readdir('/sys/block').catch(() => [] as string[])) {
    if (!name.startsWith('loop')) continue;
    const base = `/sys/block/${name}/loop`;
    if (!existsSync(base)) continue;
    try {
      const [backingFile, offset, sizeLimit] = await Promise.all([
        readTrim(`${base}/backing_file`),
        readTrim(`${base}/offset`),
        readTrim(`${base}/sizelimit`),
      ]);
      out.push({ name, backingFile, offset: Number(offset), sizeLimit: Number(sizeLimit) });
    } catch {
      // Detached between the listing and the read.
    }
  }
  return out;
}
