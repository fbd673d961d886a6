/**
 * The GPT of a disk, read and written with sfdisk (util-linux). Writes never ask the kernel to
 * re-read the whole table (--no-reread --no-tell-kernel): a re-read fails on a disk with a mounted
 * partition, and on kernels without partition-table parsers it would drop every partition. The
 * kernel is told about the changed partitions one by one afterwards (see kernel.ts).
 */
import { tool, type ToolOptions } from './tools.js';

export interface TablePartition {
  /** Partition number (the GPT entry index, from 1). */
  readonly number: number;
  /** In sectors. */
  readonly start: number;
  readonly size: number;
  readonly type: string;
  /** GPT partition name (yip's pLabel). */
  readonly name: string;
}

export interface PartitionTable {
  readonly label: string;
  readonly sectorSize: number;
  readonly firstLba: number;
  readonly lastLba: number;
  /** Ordered by start sector. */
  readonly partitions: readonly TablePartition[];
}

interface SfdiskJson {
  partitiontable?: {
    label?: string;
    firstlba?: number;
    lastlba?: number;
    sectorsize?: number;
    partitions?: { node?: string; start?: number; size?: number; type?: string; name?: string }[];
  };
}

export async function readTable(device: string, options: ToolOptions = {}): Promise<PartitionTable> {
  let out: string;
  try {
    out = (await tool(['sfdisk', '--json', device], options)).stdout;
  } catch (error) {
    throw new Error(`cannot read a partition table on ${device} (it needs a GPT table): ${(error as Error).message}`, { cause: error });
  }
  const table = (JSON.parse(out) as SfdiskJson).partitiontable;
  if (!table) throw new Error(`no partition table on ${device}`);
  if (table.label !== 'gpt') throw new Error(`the partition table of ${device} is ${table.label ?? 'unknown'}, only GPT is supported`);
  const partitions = (table.partitions ?? []).map((p) => {
    const number = Number(/(\d+)$/.exec(p.node ?? '')?.[1]);
    if (!Number.isInteger(number) || p.start === undefined || p.size === undefined)
      throw new Error(`unexpected sfdisk output for ${device}: ${JSON.stringify(p)}`);
    return { number, start: p.start, size: p.size, type: p.type ?? '', name: p.name ?? '' };
  });
  partitions.sort((a, b) => a.start - b.start);
  return {
    label: table.label,
    sectorSize: table.sectorsize ?? 512,
    firstLba: table.firstlba ?? 34,
    lastLba: table.lastlba ?? 0,
    partitions,
  };
}

export interface NewPartition {
  readonly start: number;
  readonly size: number;
  readonly type: string;
  readonly name: string;
  readonly attrs: readonly string[];
}

const quote = (s: string) => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

/** Appends partitions in one write: either all of them are in the table, or none. */
export async function appendPartitions(device: string, parts: readonly NewPartition[], options: ToolOptions = {}): Promise<void> {
  const lines = parts.map((p) => {
    const fields = [`start=${p.start}`, `size=${p.size}`, `type=${p.type}`];
    if (p.name) fields.push(`name=${quote(p.name)}`);
    if (p.attrs.length > 0) fields.push(`attrs=${quote(p.attrs.join(' '))}`);
    return fields.join(', ');
  });
  await tool(['sfdisk', '--quiet', '--no-reread', '--no-tell-kernel', '--append', device], { ...options, input: `${lines.join('\n')}\n` });
}

/** Sets the size of one partition, keeping its start, type, name and GUID. */
export async function resizePartition(device: string, part: TablePartition, size: number, options: ToolOptions = {}): Promise<void> {
  await tool(['sfdisk', '--quiet', '--no-reread', '--no-tell-kernel', '-N', String(part.number), device], {
    ...options,
    input: `start=${part.start}, size=${size}\n`,
  });
}

/**
 * Moves the backup GPT header to the end of the disk. A disk image written onto a larger disk (or a
 * grown cloud volume) keeps its backup header where the image ended, which hides the new space.
 */
export async function relocateBackupHeader(device: string, options: ToolOptions = {}): Promise<void> {
  await tool(['sfdisk', '--quiet', '--no-reread', '--no-tell-kernel', '--relocate', 'gpt-bak-std', device], options);
}
