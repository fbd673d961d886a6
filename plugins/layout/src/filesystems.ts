/** Filesystems the layout action creates and grows, and the GPT types yip gives their partitions. */
import { mkdtemp, rmdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findExecutable } from '@yipts/system';
import { tool, toolResult, type ToolOptions } from './tools.js';

export type FsKind = 'ext2' | 'ext3' | 'ext4' | 'xfs' | 'btrfs' | 'fat' | 'fat16' | 'fat32' | 'vfat' | 'swap' | 'noformat';

const KINDS = new Set<string>(['ext2', 'ext3', 'ext4', 'xfs', 'btrfs', 'fat', 'fat16', 'fat32', 'vfat', 'swap', 'noformat']);
/** yip's spellings of "leave the partition unformatted". */
const NO_FORMAT = new Set<string>(['noformat', '-', 'none']);
const FAT = new Set<string>(['fat', 'fat16', 'fat32', 'vfat']);

export const GPT_TYPES = {
  linux: '0FC63DAF-8483-4772-8E79-3D69D8477DE4',
  biosBoot: '21686148-6449-6E6F-744E-656564454649',
  basicData: 'EBD0A0A2-B9E5-4433-87C0-68B6B72699C7',
  efi: 'C12A7328-F81F-11D2-BA4B-00A0C93EC93B',
  swap: '0657FD6D-A4AB-43C4-84E5-0933C84B4F4F',
} as const;

/** yip's default when `filesystem` is empty is ext2. */
export function fsKind(name: string | undefined): FsKind {
  const fs = (name ?? '').trim().toLowerCase() || 'ext2';
  if (NO_FORMAT.has(fs)) return 'noformat';
  if (!KINDS.has(fs)) throw new Error(`unsupported filesystem ${JSON.stringify(name)} (known: ${[...KINDS].join(', ')})`);
  return fs as FsKind;
}

/** GPT type and attributes, as yip sets them: `bootable` makes a BIOS boot (Linux filesystems) or EFI system (FAT) partition. */
export function gptTypeOf(fs: FsKind, bootable: boolean): { type: string; attrs: string[] } {
  if (fs === 'swap') return { type: GPT_TYPES.swap, attrs: [] };
  if (FAT.has(fs)) return bootable ? { type: GPT_TYPES.efi, attrs: ['RequiredPartition'] } : { type: GPT_TYPES.basicData, attrs: [] };
  return bootable ? { type: GPT_TYPES.biosBoot, attrs: ['LegacyBIOSBootable'] } : { type: GPT_TYPES.linux, attrs: [] };
}

const LABEL_LIMITS: Record<string, number> = { xfs: 12, fat: 11, btrfs: 255, swap: 15, ext: 16 };

/** Throws when the label cannot be stored by that filesystem (mkfs would truncate or refuse it). */
export function checkFsLabel(fs: FsKind, label: string): void {
  const family = fs.startsWith('ext') ? 'ext' : FAT.has(fs) ? 'fat' : fs;
  const limit = LABEL_LIMITS[family] ?? 16;
  if (Buffer.byteLength(label) > limit)
    throw new Error(`fsLabel ${JSON.stringify(label)} is longer than ${limit} bytes, the most ${fs} allows`);
  if (/[\0\n]/.test(label)) throw new Error(`fsLabel ${JSON.stringify(label)} contains a control character`);
}

export function mkfsArgv(fs: FsKind, label: string, device: string): string[] {
  const named = (flag: string) => (label ? [flag, label] : []);
  switch (fs) {
    case 'ext2':
    case 'ext3':
    case 'ext4':
      // -F: the new partition may hold stale signatures from whatever was there before.
      return [`mkfs.${fs}`, '-F', '-q', ...named('-L'), device];
    case 'xfs':
      return ['mkfs.xfs', '-f', '-q', ...named('-L'), device];
    case 'btrfs':
      return ['mkfs.btrfs', '-f', '-q', ...named('-L'), device];
    case 'swap':
      return ['mkswap', ...named('-L'), device];
    case 'noformat':
      return [];
    case 'fat16':
      return ['mkfs.fat', '-F', '16', ...named('-n'), device];
    case 'fat32':
      return ['mkfs.fat', '-F', '32', ...named('-n'), device];
    default:
      return ['mkfs.fat', ...named('-n'), device];
  }
}

/** The programs needed to create or grow that filesystem that are missing on the host. */
export async function missingTools(argv0s: readonly string[]): Promise<string[]> {
  const missing: string[] = [];
  for (const name of argv0s) if (!(await findExecutable('/', name, process.env))) missing.push(name);
  return missing;
}

export interface Probe {
  readonly type?: string | undefined;
  readonly label?: string | undefined;
}

/** Reads the filesystem signature in a byte range of a disk (or image) without any device for it. */
export async function probe(path: string, start: number, size: number, options: ToolOptions = {}): Promise<Probe> {
  const r = await toolResult(['blkid', '-p', '-o', 'export', '-O', String(start), '-S', String(size), path], options);
  // Exit status 2: nothing recognised there.
  if (r.exitCode === 2) return {};
  if (r.exitCode !== 0) throw new Error(`blkid cannot probe ${path} at offset ${start}: ${r.output.trim()}`);
  const values = new Map(
    r.stdout
      .split('\n')
      .map((l) => l.split('=', 2) as [string, string?])
      .filter(([, v]) => v !== undefined) as [string, string][],
  );
  return { type: values.get('TYPE'), label: values.get('LABEL') };
}

export function growTools(type: string): string[] {
  if (/^ext[234]$/.test(type)) return ['e2fsck', 'resize2fs'];
  if (type === 'xfs') return ['xfs_growfs'];
  if (type === 'btrfs') return ['btrfs'];
  return [];
}

/** Size in bytes of an ext2/3/4 filesystem (its superblock's block count). */
export async function extSize(device: string, options: ToolOptions = {}): Promise<number> {
  const out = (await tool(['dumpe2fs', '-h', device], options)).stdout;
  const count = Number(/^Block count:\s+(\d+)/m.exec(out)?.[1]);
  const blockSize = Number(/^Block size:\s+(\d+)/m.exec(out)?.[1]);
  if (!count || !blockSize) throw new Error(`cannot read the size of the filesystem on ${device}`);
  return count * blockSize;
}

/**
 * Grows the filesystem on device to fill it. ext2/3/4 grow offline (after a forced check, as
 * resize2fs demands) or online when mounted (the kernel's ext4 driver supports growing in place);
 * xfs and btrfs only grow mounted, so an unmounted one is mounted on a private temporary directory
 * for the time of the grow.
 */
export async function growFilesystem(
  type: string,
  device: string,
  mountPoint: string | undefined,
  options: ToolOptions = {},
): Promise<void> {
  if (/^ext[234]$/.test(type)) {
    if (mountPoint === undefined) {
      // 0: clean, 1: errors fixed; anything higher means the filesystem cannot be trusted to resize.
      const check = await toolResult(['e2fsck', '-f', '-y', device], options);
      if (check.exitCode > 1) throw new Error(`e2fsck -f -y ${device} exited with ${check.exitCode}: ${check.output.trim()}`);
    }
    await tool(['resize2fs', device], options);
    return;
  }
  if (type !== 'xfs' && type !== 'btrfs') throw new Error(`cannot grow a ${type} filesystem (only ext2/3/4, xfs and btrfs)`);
  const grow = (dir: string) =>
    type === 'xfs' ? tool(['xfs_growfs', dir], options) : tool(['btrfs', 'filesystem', 'resize', 'max', dir], options);
  if (mountPoint !== undefined) {
    await grow(mountPoint);
    return;
  }
  const dir = await mkdtemp(join(tmpdir(), 'yipts-layout-grow-'));
  try {
    await tool(['mount', '-t', type, device, dir], options);
    try {
      await grow(dir);
    } finally {
      await tool(['umount', dir]);
    }
  } finally {
    await rmdir(dir).catch(() => undefined);
  }
}
