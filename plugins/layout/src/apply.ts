/**
 * Applying a validated layout to one disk: add the missing partitions (one table write, then a
 * filesystem on each), then grow the last partition and its filesystem. The kernel is told about
 * each change with BLKPG (partx), never by re-reading the whole table.
 */
import { withPathLock } from '@yipts/system';
import { CAP_SYS_RESOURCE, hasCapability } from './capabilities.js';
import { tellKernel, withPartitionDevice, type Region } from './access.js';
import type { Disk } from './device.js';
import { extSize, growFilesystem, growTools, missingTools, mkfsArgv, probe } from './filesystems.js';
import { lastPartition, planAdds, planExpand, type AddRequest, type PlannedAdd } from './plan.js';
import { kernelPartitions } from './sysfs.js';
import { appendPartitions, readTable, relocateBackupHeader, resizePartition, type PartitionTable } from './table.js';
import { tool } from './tools.js';
import { readUsage, regionMount, regionUse } from './usage.js';

export interface ApplyContext {
  readonly signal?: AbortSignal | undefined;
  log(level: 'debug' | 'info' | 'warning', message: string): void;
  /** Records an error and lets the work go on (the next partition). */
  report(error: Error): void;
}

const MiB = 1024 * 1024;

const regionOf = (table: PartitionTable, p: { number: number; start: number; size: number }): Region => ({
  number: p.number,
  start: p.start * table.sectorSize,
  size: p.size * table.sectorSize,
});

export async function applyLayout(
  disk: Disk,
  adds: readonly AddRequest[],
  expandMiB: number | undefined,
  ctx: ApplyContext,
): Promise<void> {
  // Two steps running at the same time must not both edit one table.
  await withPathLock(`${disk.path}#layout`, async () => {
    const opts = { signal: ctx.signal };
    const base = ['sfdisk', 'blkid', 'losetup', ...(disk.kind === 'block' ? ['partx'] : [])];
    const missing = await missingTools(base);
    if (missing.length > 0) throw new Error(`the host lacks ${missing.join(', ')} (packages fdisk, util-linux)`);

    let table = await readTable(disk.path, opts);
    const totalSectors = Math.floor(disk.sizeBytes / table.sectorSize);
    // A backup GPT further from the end than its own size means the disk grew after the table was written.
    if (totalSectors - 1 - table.lastLba > 16384 / table.sectorSize + 1 && (adds.length > 0 || expandMiB !== undefined)) {
      ctx.log('info', `layout: moving the backup GPT of ${disk.path} to the end of the disk`);
      await relocateBackupHeader(disk.path, opts);
      table = await readTable(disk.path, opts);
    }

    if (adds.length > 0) table = await addPartitions(disk, table, adds, ctx);
    if (expandMiB !== undefined) await expandLast(disk, table, expandMiB, ctx);
  });
}

async function existingLabels(disk: Disk, table: PartitionTable, ctx: ApplyContext): Promise<Set<string>> {
  const labels = new Set<string>();
  for (const p of table.partitions) {
    const region = regionOf(table, p);
    const found = await probe(disk.path, region.start, region.size, { signal: ctx.signal });
    if (found.label) labels.add(found.label);
  }
  return labels;
}

async function addPartitions(disk: Disk, table: PartitionTable, adds: readonly AddRequest[], ctx: ApplyContext): Promise<PartitionTable> {
  const opts = { signal: ctx.signal };
  const fsLabels = await existingLabels(disk, table, ctx);
  const names = new Set(table.partitions.map((p) => p.name).filter(Boolean));
  const todo = adds.filter((a) => {
    if (a.fsLabel && fsLabels.has(a.fsLabel)) {
      ctx.log('info', `layout: a filesystem labelled ${a.fsLabel} is already on ${disk.path}, not adding it again`);
      return false;
    }
    if (a.pLabel && names.has(a.pLabel)) {
      ctx.log('info', `layout: a partition named ${a.pLabel} is already on ${disk.path}, not adding it again`);
      return false;
    }
    return true;
  });
  if (todo.length === 0) return table;

  const missing = await missingTools([...new Set(todo.filter((a) => a.fs !== 'noformat').map((a) => mkfsArgv(a.fs, '', '')[0]!))]);
  if (missing.length > 0)
    throw new Error(`the host lacks ${missing.join(', ')}, needed to format the new partitions of ${disk.path}; nothing was changed`);

  const planned = planAdds(table, todo, disk.path);
  const usage = await readUsage();
  for (const p of planned) {
    const busy = await regionUse(usage, disk, p.start * table.sectorSize, p.size * table.sectorSize);
    if (busy) throw new Error(`the free space of ${disk.path} is in use (${busy}); nothing was changed`);
  }
  await appendPartitions(disk.path, planned, opts);
  const after = await readTable(disk.path, opts);
  const kernel = await tellKernel(disk, opts);
  if (kernel) ctx.log('warning', `layout: the kernel could not be told about the new partitions of ${disk.path}: ${kernel}`);

  for (const p of planned) await formatNew(disk, after, p, ctx);
  return after;
}

async function formatNew(disk: Disk, table: PartitionTable, p: PlannedAdd, ctx: ApplyContext): Promise<void> {
  const entry = table.partitions.find((t) => t.start === p.start);
  const what = p.request.pLabel || p.request.fsLabel || `at sector ${p.start}`;
  if (!entry) {
    ctx.report(new Error(`the new partition ${what} is not in the table of ${disk.path} after writing it`));
    return;
  }
  if (p.request.fs === 'noformat') {
    const size = (entry.size * table.sectorSize) / MiB;
    ctx.log('info', `layout: added partition ${entry.number} (${what}, ${size} MiB, not formatted) to ${disk.path}`);
    return;
  }
  try {
    await withPartitionDevice(
      disk,
      regionOf(table, entry),
      async (device, how) => {
        ctx.log('debug', `layout: formatting partition ${entry.number} of ${disk.path} (${device}, ${how}) as ${p.request.fs}`);
        await tool(mkfsArgv(p.request.fs, p.request.fsLabel, device), { signal: ctx.signal });
      },
      { signal: ctx.signal },
    );
    ctx.log(
      'info',
      `layout: added partition ${entry.number} (${what}, ${(entry.size * table.sectorSize) / MiB} MiB, ${p.request.fs}) to ${disk.path}`,
    );
  } catch (error) {
    ctx.report(
      new Error(`partition ${entry.number} (${what}) was added to ${disk.path} but could not be formatted: ${(error as Error).message}`, {
        cause: error,
      }),
    );
  }
}

async function expandLast(disk: Disk, table: PartitionTable, sizeMiB: number, ctx: ApplyContext): Promise<void> {
  const opts = { signal: ctx.signal };
  const plan = planExpand(table, sizeMiB, disk.path);
  if (plan.kind === 'none') {
    ctx.log('debug', `layout: ${plan.reason}`);
    await growIfSmaller(disk, table, ctx);
    return;
  }
  const { part, newSize } = plan;
  const oldRegion = regionOf(table, part);
  const newRegion = { ...oldRegion, size: newSize * table.sectorSize };
  const found = await probe(disk.path, oldRegion.start, oldRegion.size, opts);
  const type = found.type ?? '';
  if (type === 'swap' || /fat/.test(type)) throw new Error(`partition ${part.number} of ${disk.path} holds ${type}, which cannot be grown`);
  const usage = await readUsage();
  const mounted = await regionMount(usage, disk, oldRegion.start, oldRegion.size);
  // Growing a mounted filesystem goes through the device it is mounted from; a loop device over the
  // partition would keep its old size, and resize2fs on the node would not know the filesystem is mounted.
  if (mounted?.via === 'loop')
    throw new Error(
      `partition ${part.number} of ${disk.path} is mounted on ${mounted.mountPoint} through ${mounted.device}, not its own device; not expanding it`,
    );
  const mountPoint = mounted?.mountPoint;
  // The partition itself may be mounted (then only an online grow is allowed); the space it grows into must be free.
  const busy = mountPoint === undefined ? await regionUse(usage, disk, oldRegion.start, oldRegion.size) : undefined;
  if (busy) throw new Error(`partition ${part.number} of ${disk.path} is in use (${busy}); not expanding it`);
  const tailBusy = await regionUse(usage, disk, oldRegion.start + oldRegion.size, newRegion.size - oldRegion.size);
  if (tailBusy) throw new Error(`the space after partition ${part.number} of ${disk.path} is in use (${tailBusy}); not expanding it`);
  if (mountPoint !== undefined && !/^(ext[34]|xfs|btrfs)$/.test(type)) {
    throw new Error(
      `partition ${part.number} of ${disk.path} is mounted on ${mountPoint} and holds ${type || 'no known filesystem'}, which cannot grow while mounted`,
    );
  }
  if (mountPoint !== undefined && /^ext/.test(type) && !(await hasCapability(CAP_SYS_RESOURCE))) {
    throw new Error(
      `partition ${part.number} of ${disk.path} is mounted on ${mountPoint}: growing its ${type} filesystem online needs CAP_SYS_RESOURCE, which this process lacks; nothing was changed`,
    );
  }
  const tools = growTools(type);
  const missing = await missingTools(tools);
  if (missing.length > 0)
    throw new Error(
      `the host lacks ${missing.join(', ')}, needed to grow the ${type} filesystem of ${disk.path} partition ${part.number}; nothing was changed`,
    );

  await resizePartition(disk.path, part, newSize, opts);
  ctx.log('info', `layout: partition ${part.number} of ${disk.path} expanded to ${(newSize * table.sectorSize) / MiB} MiB`);
  const kernel = await tellKernel(disk, opts);
  if (kernel)
    ctx.log('warning', `layout: the kernel could not be told about the new size of ${disk.path} partition ${part.number}: ${kernel}`);
  if (!type) {
    ctx.log('info', `layout: no filesystem on partition ${part.number} of ${disk.path}, only the partition was expanded`);
    return;
  }
  if (mountPoint !== undefined) {
    // A mounted filesystem grows through its own node, which must now have the new size.
    const k = (await kernelPartitions(disk.kernelName ?? '')).find((p) => p.number === part.number);
    if (!k || k.size !== newRegion.size)
      throw new Error(
        `partition ${part.number} of ${disk.path} was expanded, but the kernel still sees its old size while it is mounted on ${mountPoint}; its filesystem was not grown`,
      );
  }
  await withPartitionDevice(disk, newRegion, (device) => growFilesystem(type, device, mountPoint, opts), {
    ...opts,
    nodeOnly: mountPoint !== undefined,
  });
  ctx.log('info', `layout: ${type} filesystem of ${disk.path} partition ${part.number} grown`);
}

/**
 * The partition already has its size: if a previous run was cut short between the table write and
 * the filesystem grow, finish the grow now (ext2/3/4 only, where the size is cheap to read).
 */
async function growIfSmaller(disk: Disk, table: PartitionTable, ctx: ApplyContext): Promise<void> {
  const part = lastPartition(table);
  if (!part) return;
  const region = regionOf(table, part);
  const opts = { signal: ctx.signal };
  const found = await probe(disk.path, region.start, region.size, opts);
  if (!found.type || !/^ext[234]$/.test(found.type)) return;
  const usage = await readUsage();
  const mounted = await regionMount(usage, disk, region.start, region.size);
  if (mounted?.via === 'loop') return;
  const mountPoint = mounted?.mountPoint;
  if (mountPoint === undefined && (await regionUse(usage, disk, region.start, region.size))) return;
  if (mountPoint !== undefined && (found.type === 'ext2' || !(await hasCapability(CAP_SYS_RESOURCE)))) return;
  await withPartitionDevice(
    disk,
    region,
    async (device) => {
      const fsBytes = await extSize(device, opts);
      // resize2fs leaves out a tail too small for a block group's metadata: a few MiB is not worth a check.
      if (region.size - fsBytes < 8 * MiB) return;
      ctx.log(
        'info',
        `layout: the ${found.type} filesystem of ${disk.path} partition ${part.number} is smaller than its partition, growing it`,
      );
      await growFilesystem(found.type!, device, mountPoint, opts);
    },
    // A mounted filesystem must be grown through the device it is mounted from, never a stand-in.
    { ...opts, nodeOnly: mountPoint !== undefined },
  );
}
