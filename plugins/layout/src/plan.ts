/**
 * Where new partitions go and how far the last one grows, worked out from the table before
 * anything is written, so that a layout that does not fit fails whole instead of half-applied.
 * Sizes are MiB; partitions start on a MiB boundary after the last one; size 0 means every whole
 * MiB left before the backup GPT.
 */
import type { FsKind } from './filesystems.js';
import type { NewPartition, PartitionTable, TablePartition } from './table.js';

const MiB = 1024 * 1024;

export interface AddRequest {
  readonly fsLabel: string;
  readonly pLabel: string;
  /** MiB; 0: the rest of the disk. */
  readonly sizeMiB: number;
  readonly fs: FsKind;
  readonly type: string;
  readonly attrs: readonly string[];
}

export interface PlannedAdd extends NewPartition {
  readonly request: AddRequest;
}

const describe = (r: AddRequest) => (r.pLabel ? `partition ${r.pLabel}` : r.fsLabel ? `partition ${r.fsLabel}` : 'a new partition');
const alignUp = (v: number, a: number) => Math.ceil(v / a) * a;

export function sectorsPerMiB(table: PartitionTable): number {
  return MiB / table.sectorSize;
}

/** First sector after every partition (and after the GPT itself), on a MiB boundary. */
export function firstFreeSector(table: PartitionTable): number {
  const last = lastPartition(table);
  const after = last ? last.start + last.size : table.firstLba;
  return alignUp(Math.max(after, table.firstLba), sectorsPerMiB(table));
}

export function lastPartition(table: PartitionTable): TablePartition | undefined {
  return table.partitions.reduce<TablePartition | undefined>((a, p) => (!a || p.start > a.start ? p : a), undefined);
}

export function freeMiB(table: PartitionTable): number {
  return Math.max(0, Math.floor((table.lastLba + 1 - firstFreeSector(table)) / sectorsPerMiB(table)));
}

export function planAdds(table: PartitionTable, requests: readonly AddRequest[], device: string): PlannedAdd[] {
  const unit = sectorsPerMiB(table);
  let cursor = firstFreeSector(table);
  const out: PlannedAdd[] = [];
  for (const [i, r] of requests.entries()) {
    const available = Math.max(0, Math.floor((table.lastLba + 1 - cursor) / unit));
    if (r.sizeMiB === 0 && i !== requests.length - 1)
      throw new Error(`${describe(r)} has size 0 (the rest of the disk) but is not the last partition to add`);
    const sizeMiB = r.sizeMiB === 0 ? available : r.sizeMiB;
    if (sizeMiB === 0 || sizeMiB > available) {
      throw new Error(
        `not enough free space on ${device} for ${describe(r)}: ${r.sizeMiB === 0 ? 'the rest of the disk' : `${r.sizeMiB} MiB`} asked, ${available} MiB free`,
      );
    }
    out.push({ start: cursor, size: sizeMiB * unit, type: r.type, name: r.pLabel, attrs: r.attrs, request: r });
    cursor += sizeMiB * unit;
  }
  return out;
}

export type ExpandPlan =
  | { readonly kind: 'none'; readonly reason: string }
  | { readonly kind: 'grow'; readonly part: TablePartition; readonly newSize: number };

export function planExpand(table: PartitionTable, sizeMiB: number, device: string): ExpandPlan {
  const part = lastPartition(table);
  if (!part) throw new Error(`there is no partition to expand on ${device}`);
  const unit = sectorsPerMiB(table);
  const room = table.lastLba + 1 - part.start;
  if (sizeMiB === 0) {
    const newSize = Math.floor(room / unit) * unit;
    if (newSize <= part.size) return { kind: 'none', reason: `partition ${part.number} of ${device} already fills the disk` };
    return { kind: 'grow', part, newSize };
  }
  const newSize = sizeMiB * unit;
  if (newSize < part.size)
    throw new Error(
      `partition ${part.number} of ${device} is ${Math.floor(part.size / unit)} MiB, larger than the ${sizeMiB} MiB asked: layout only grows partitions`,
    );
  if (newSize === part.size) return { kind: 'none', reason: `partition ${part.number} of ${device} is already ${sizeMiB} MiB` };
  if (newSize > room)
    throw new Error(
      `not enough free space on ${device} to expand partition ${part.number} to ${sizeMiB} MiB: at most ${Math.floor(room / unit)} MiB fit`,
    );
  return { kind: 'grow', part, newSize };
}
