/**
 * Which disk a layout step works on: `device.path` (a disk, a partition of one, or a disk image
 * file) or `device.label` (the disk holding the partition whose filesystem has that label).
 * Labels are looked up with blkid reading the superblocks, not /dev/disk/by-label, so this works
 * without udev too.
 */
import { stat } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import { blockInfo, blockSizeBytes } from './sysfs.js';
import { toolResult, type ToolOptions } from './tools.js';
import type { DiskIdentity } from './usage.js';

export interface Disk extends DiskIdentity {
  readonly kind: 'block' | 'file';
  readonly sizeBytes: number;
}

export async function diskFromPath(path: string): Promise<Disk> {
  let st: Stats;
  try {
    st = await stat(path);
  } catch (error) {
    throw new Error(`device ${path} does not exist`, { cause: error });
  }
  if (st.isFile()) return { path, kind: 'file', sizeBytes: st.size };
  if (!st.isBlockDevice()) throw new Error(`${path} is neither a block device nor a disk image file`);
  const info = await blockInfo(path);
  if (!info) throw new Error(`${path} is not a block device`);
  if (info.partition) {
    // yip works on the disk that holds a partition given by path.
    const disk = `/dev/${info.partition.disk}`;
    const parent = await blockInfo(disk);
    if (!parent) throw new Error(`the disk of partition ${path} (${disk}) has no device node`);
    return { path: disk, kind: 'block', kernelName: parent.name, dev: parent.dev, sizeBytes: await blockSizeBytes(parent.name) };
  }
  return { path, kind: 'block', kernelName: info.name, dev: info.dev, sizeBytes: await blockSizeBytes(info.name) };
}

export async function diskFromLabel(label: string, options: ToolOptions = {}): Promise<Disk> {
  // -c /dev/null: no cache, so a label written a moment ago (or gone) is seen as it is now.
  const found = await toolResult(['blkid', '-c', '/dev/null', '-o', 'device', '-t', `LABEL=${label}`], options);
  const devices = found.stdout
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  if (devices.length === 0) throw new Error(`no filesystem labelled ${label} was found`);
  const disks = new Map<string, string>();
  const notPartitions: string[] = [];
  for (const device of devices) {
    const info = await blockInfo(device).catch(() => undefined);
    if (info?.partition) disks.set(`/dev/${info.partition.disk}`, device);
    else notPartitions.push(device);
  }
  if (disks.size === 0)
    throw new Error(`the filesystem labelled ${label} is on ${notPartitions.join(', ')}, which is not a partition of a disk`);
  if (disks.size > 1)
    throw new Error(`the label ${label} is on partitions of several disks (${[...disks.values()].join(', ')}); give device.path instead`);
  const [disk] = [...disks.keys()];
  return diskFromPath(disk!);
}
