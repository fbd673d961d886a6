/**
 * GPT disk images for the layout tests: free space left at the end (the fixtures' loopDisk fills
 * its image), filesystems written straight into the image at their offsets (mke2fs -E offset),
 * attached as a loop device with its partitions added by partx (this kernel has no table parser).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { run } from '@yipts/test-fixtures';
import { safeRemove } from '@yipts/test-fixtures';

export const MiB = 1024 * 1024;

export interface TestPartition {
  readonly name: string;
  readonly sizeMiB: number;
  /** ext4 label; no filesystem when undefined. */
  readonly fsLabel?: string;
  /** Size of the filesystem when smaller than the partition. */
  readonly fsSizeMiB?: number;
}

export interface TestDisk {
  readonly dir: string;
  readonly image: string;
  /** Set while attached. */
  device: string | undefined;
  attach(): Promise<string>;
  detach(): Promise<void>;
  cleanup(): Promise<void>;
}

/** Partitions start at 1 MiB, back to back. */
export async function gptImage(opts: { sizeMiB: number; partitions: readonly TestPartition[] }): Promise<TestDisk> {
  const dir = await mkdtemp(join(tmpdir(), 'yipts-layout-'));
  const image = join(dir, 'disk.img');
  await run('truncate', ['-s', `${opts.sizeMiB}M`, image]);
  const lines = ['label: gpt', 'unit: sectors'];
  let offset = 1;
  for (const p of opts.partitions) {
    lines.push(`start=${offset * 2048}, size=${p.sizeMiB * 2048}, type=0FC63DAF-8483-4772-8E79-3D69D8477DE4, name="${p.name}"`);
    offset += p.sizeMiB;
  }
  await run('sfdisk', ['-q', '--no-reread', '--no-tell-kernel', image], { input: `${lines.join('\n')}\n` });
  offset = 1;
  for (const p of opts.partitions) {
    if (p.fsLabel)
      await run('mkfs.ext4', ['-F', '-q', '-L', p.fsLabel, '-E', `offset=${offset * MiB}`, image, `${(p.fsSizeMiB ?? p.sizeMiB) * 1024}k`]);
    offset += p.sizeMiB;
  }
  const disk: TestDisk = {
    dir,
    image,
    device: undefined,
    async attach() {
      const device = (await run('losetup', ['-f', '--show', image])).stdout.trim();
      disk.device = device;
      await run('partx', ['-a', device], { allowFailure: true });
      return device;
    },
    async detach() {
      const device = disk.device;
      if (!device) return;
      disk.device = undefined;
      detachSync(device, image);
    },
    async cleanup() {
      await disk.detach();
      await safeRemove(dir);
    },
  };
  return disk;
}

function detachSync(device: string, image: string): void {
  const back = execFileSync('losetup', ['-n', '-O', 'BACK-FILE', device], { encoding: 'utf8' }).trim();
  if (!back.startsWith(image)) return;
  const name = basename(device);
  if (existsSync(`/sys/block/${name}`) && readdirSync(`/sys/block/${name}`).some((e) => e.startsWith(`${name}p`))) {
    execFileSync('partx', ['-d', device], { stdio: 'ignore' });
  }
  execFileSync('losetup', ['-d', device], { stdio: 'ignore' });
}

export interface ImagePartition {
  readonly number: number;
  readonly start: number;
  readonly size: number;
  readonly name: string;
  readonly type: string;
  readonly uuid: string;
  readonly attrs?: string;
}

/** The table as sfdisk reads it from the image file. */
export async function tableOf(image: string): Promise<{ lastlba: number; partitions: ImagePartition[] }> {
  const json = JSON.parse((await run('sfdisk', ['--json', image])).stdout) as {
    partitiontable: { lastlba: number; partitions?: (Omit<ImagePartition, 'number'> & { node: string })[] };
  };
  const t = json.partitiontable;
  return {
    lastlba: t.lastlba,
    partitions: (t.partitions ?? []).map(({ node, ...p }) => ({ ...p, number: Number(/(\d+)$/.exec(node)![1]) })),
  };
}

/** GPT names as gdisk's sgdisk prints them: an independent reading of the table. */
export async function sgdiskNames(image: string): Promise<string[]> {
  const out = (await run('sgdisk', ['-p', image])).stdout;
  const rows = out.split('\n').filter((l) => /^\s+\d+\s+\d+\s+\d+/.test(l));
  return rows.map((l) => l.trim().split(/\s+/).slice(6).join(' '));
}

export interface FsInfo {
  readonly type?: string;
  readonly label?: string;
  readonly uuid?: string;
  /** ext2/3/4: block count x block size. */
  readonly bytes?: number;
}

/** The filesystem of a partition, read through a loop device over exactly its bytes. */
export async function fsAt(image: string, startSectors: number, sizeSectors: number): Promise<FsInfo> {
  const loop = (
    await run('losetup', ['-f', '--show', '-o', String(startSectors * 512), '--sizelimit', String(sizeSectors * 512), image])
  ).stdout.trim();
  try {
    const probe = await run('blkid', ['-p', '-o', 'export', loop], { allowFailure: true });
    const values = Object.fromEntries(
      probe.stdout
        .split('\n')
        .filter((l) => l.includes('='))
        .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
    );
    let bytes: number | undefined;
    if (/^ext/.test(values.TYPE ?? '')) {
      const out = (await run('dumpe2fs', ['-h', loop])).stdout;
      bytes = Number(/^Block count:\s+(\d+)/m.exec(out)![1]) * Number(/^Block size:\s+(\d+)/m.exec(out)![1]);
    }
    return { type: values.TYPE, label: values.LABEL, uuid: values.UUID, bytes };
  } finally {
    await run('losetup', ['-d', loop]);
  }
}
