/**
 * Reaching one partition as a block device, for mkfs, e2fsck and resize2fs. On a machine whose
 * kernel knows the partitions that is their node (/dev/sda3, /dev/nvme0n1p3, /dev/loop0p3). When
 * the kernel has no node for it (no partition-table support, BLKPG refused, or the disk is an
 * image file), a loop device over exactly the partition's bytes stands in, and is detached after.
 */
import { existsSync } from 'node:fs';
import type { Disk } from './device.js';
import { kernelPartitions } from './sysfs.js';
import { tool, toolResult, type ToolOptions } from './tools.js';

export interface Region {
  readonly number: number;
  /** Bytes. */
  readonly start: number;
  readonly size: number;
}

/** Tells the kernel about the disk's current table, partition by partition (BLKPG, through partx). */
export async function tellKernel(disk: Disk, options: ToolOptions = {}): Promise<string | undefined> {
  if (disk.kind !== 'block') return undefined;
  const r = await toolResult(['partx', '--update', disk.path], options);
  return r.exitCode === 0 ? undefined : r.output.trim() || `partx exited with ${r.exitCode}`;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The kernel's node for the partition if it has one with this exact extent. */
async function partitionNode(disk: Disk, region: Region): Promise<string | undefined> {
  if (disk.kind !== 'block' || !disk.kernelName) return undefined;
  const p = (await kernelPartitions(disk.kernelName)).find(
    (k) => k.number === region.number && k.start === region.start && k.size === region.size,
  );
  if (!p) return undefined;
  const node = `/dev/${p.name}`;
  // devtmpfs (or udev) creates the node shortly after the kernel adds the partition.
  for (let i = 0; i < 100 && !existsSync(node); i++) await sleep(20);
  return existsSync(node) ? node : undefined;
}

export async function withPartitionDevice<T>(
  disk: Disk,
  region: Region,
  work: (device: string, how: 'node' | 'loop') => Promise<T>,
  options: ToolOptions & { nodeOnly?: boolean } = {},
): Promise<T> {
  const node = await partitionNode(disk, region);
  if (node) return work(node, 'node');
  if (options.nodeOnly) throw new Error(`the kernel has no device for partition ${region.number} of ${disk.path} with its current extent`);
  const loop = (
    await tool(['losetup', '--find', '--show', '--offset', String(region.start), '--sizelimit', String(region.size), disk.path], options)
  ).stdout.trim();
  if (!loop.startsWith('/dev/')) throw new Error(`losetup gave no device for partition ${region.number} of ${disk.path}: ${loop}`);
  try {
    return await work(loop, 'loop');
  } finally {
    // Not tied to the step's abort signal: the loop device must go whatever happened.
    await tool(['losetup', '--detach', loop]);
  }
}
