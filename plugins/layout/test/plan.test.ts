import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { fsKind, gptTypeOf, GPT_TYPES, mkfsArgv } from '../src/filesystems.js';
import { freeMiB, planAdds, planExpand, type AddRequest } from '../src/plan.js';
import type { PartitionTable } from '../src/table.js';
import { validateLayout } from '../src/validate.js';

// A 100 MiB disk (204800 sectors) with one 10 MiB partition at 1 MiB.
const table = (partitions: PartitionTable['partitions']): PartitionTable => ({
  label: 'gpt',
  sectorSize: 512,
  firstLba: 2048,
  lastLba: 204800 - 34,
  partitions,
});
const one = table([{ number: 1, start: 2048, size: 20480, type: GPT_TYPES.linux, name: 'oem' }]);
const add = (sizeMiB: number, pLabel = ''): AddRequest => ({ fsLabel: '', pLabel, sizeMiB, fs: 'ext4', type: GPT_TYPES.linux, attrs: [] });

test('new partitions go after the last one on MiB boundaries; size 0 takes the whole MiBs left', () => {
  assert.is(freeMiB(one), 88);
  const planned = planAdds(one, [add(30, 'a'), add(0, 'b')], '/dev/x');
  assert.equal(
    planned.map((p) => [p.start, p.size, p.name]),
    [
      [11 * 2048, 30 * 2048, 'a'],
      [41 * 2048, 58 * 2048, 'b'],
    ],
  );
  // An odd end is rounded up to the next MiB for the next start.
  const odd = table([{ number: 1, start: 2048, size: 20000, type: GPT_TYPES.linux, name: '' }]);
  assert.is(planAdds(odd, [add(1)], '/dev/x')[0]!.start, 11 * 2048);
  // An empty table starts at 1 MiB.
  assert.is(planAdds(table([]), [add(1)], '/dev/x')[0]!.start, 2048);
});

test('adds that do not fit fail whole, naming the partition, the size asked and the space free', () => {
  assert.throws(
    () => planAdds(one, [add(80, 'a'), add(10, 'b')], '/dev/x'),
    /not enough free space on \/dev\/x for partition b: 10 MiB asked, 8 MiB free/,
  );
  assert.throws(() => planAdds(one, [add(0, 'a'), add(1, 'b')], '/dev/x'), /size 0 .* not the last/);
  const full = table([{ number: 1, start: 2048, size: 98 * 2048, type: GPT_TYPES.linux, name: '' }]);
  assert.throws(() => planAdds(full, [add(0, 'rest')], '/dev/x'), /the rest of the disk asked, 0 MiB free/);
});

test('expansion: to a size, to the rest, a no-op when already there, never a shrink', () => {
  assert.equal(planExpand(one, 50, '/dev/x'), { kind: 'grow', part: one.partitions[0]!, newSize: 50 * 2048 });
  const rest = planExpand(one, 0, '/dev/x');
  assert.is(rest.kind === 'grow' && rest.newSize, 98 * 2048);
  assert.is(planExpand(one, 10, '/dev/x').kind, 'none');
  assert.throws(() => planExpand(one, 5, '/dev/x'), /only grows/);
  assert.throws(() => planExpand(one, 99, '/dev/x'), /at most 98 MiB fit/);
  assert.throws(() => planExpand(table([]), 0, '/dev/x'), /no partition to expand/);
  const filled = table([{ number: 1, start: 2048, size: 98 * 2048, type: GPT_TYPES.linux, name: '' }]);
  assert.is(planExpand(filled, 0, '/dev/x').kind, 'none');
  // The last partition is the one that ends last, whatever its number.
  const swapped = table([
    { number: 2, start: 2048, size: 2048, type: GPT_TYPES.linux, name: '' },
    { number: 1, start: 4096, size: 2048, type: GPT_TYPES.linux, name: '' },
  ]);
  const g = planExpand(swapped, 0, '/dev/x');
  assert.is(g.kind === 'grow' && g.part.number, 1);
});

test('filesystems: ext2 by default, GPT types and flags as yip sets them, mkfs command lines', () => {
  assert.is(fsKind(undefined), 'ext2');
  assert.is(fsKind('EXT4'), 'ext4');
  assert.throws(() => fsKind('ntfs'), /unsupported filesystem "ntfs"/);
  assert.equal(['noformat', '-', 'None'].map(fsKind), ['noformat', 'noformat', 'noformat'], "yip's spellings of no filesystem");
  assert.equal(gptTypeOf('noformat', false), { type: GPT_TYPES.linux, attrs: [] });
  assert.equal(gptTypeOf('ext4', false), { type: GPT_TYPES.linux, attrs: [] });
  assert.equal(gptTypeOf('ext4', true), { type: GPT_TYPES.biosBoot, attrs: ['LegacyBIOSBootable'] });
  assert.equal(gptTypeOf('vfat', true), { type: GPT_TYPES.efi, attrs: ['RequiredPartition'] });
  assert.equal(gptTypeOf('fat32', false), { type: GPT_TYPES.basicData, attrs: [] });
  assert.equal(gptTypeOf('swap', true), { type: GPT_TYPES.swap, attrs: [] });
  assert.equal(mkfsArgv('ext4', 'COS_PERSISTENT', '/dev/sda5'), ['mkfs.ext4', '-F', '-q', '-L', 'COS_PERSISTENT', '/dev/sda5']);
  assert.equal(mkfsArgv('vfat', 'COS_GRUB', '/dev/sda1'), ['mkfs.fat', '-n', 'COS_GRUB', '/dev/sda1']);
  assert.equal(mkfsArgv('swap', '', '/dev/sda2'), ['mkswap', '/dev/sda2']);
});

test('validation: every bad entry named at once; no device means nothing to do', () => {
  assert.is(validateLayout({ expand_partition: { size: 0 } }), undefined);
  assert.is(validateLayout({ device: { path: '  ' } }), undefined);
  const ok = validateLayout({ device: { label: 'COS_PERSISTENT' }, expand_partition: {} });
  assert.equal(ok, { device: { label: 'COS_PERSISTENT' }, adds: [], expandMiB: 0 });
  assert.throws(
    () =>
      validateLayout({
        device: { path: '/dev/sda' },
        add_partitions: [{ fsLabel: 'a_label_longer_than_16', filesystem: 'ext4' }, { pLabel: 'x'.repeat(37) }, { size: -1 }],
        expand_partition: { size: 1.5 },
      }),
    (e: Error) =>
      /add_partitions\[0\].*longer than 16/.test(e.message) &&
      /add_partitions\[1\].*36 characters/.test(e.message) &&
      /add_partitions\[2\].*0 or more/.test(e.message) &&
      /expand_partition/.test(e.message),
  );
});

test.run();
