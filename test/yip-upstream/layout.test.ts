// yip's layout tests (pkg/plugins/layout_test.go), through the real CLI on the host. Like yip's,
// they partition a disk image file with an empty GPT (1 GiB free after the first MiB): the plugin
// runs the real sfdisk, mkfs and resize tools on it, and the table is read back with sfdisk.
import { execFileSync } from 'node:child_process';
import { chmodSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { yip } from '../helpers/cli.js';
import type { CliResult } from '../helpers/cli.js';
import { removeTempDirs, tempDir } from '../helpers/tmp.js';
import { gptImage as labelledDisk, tableOf } from '../../plugins/layout/test/support/disk.js';
import type { TestDisk } from '../../plugins/layout/test/support/disk.js';

const test = suite('yip upstream: layout without a disk');
test.after.each(removeTempDirs);

/** One layout step adding a 100 MiB partition (or `adds`) on `device`, run on the host. */
async function layout(device: string, adds = '[{pLabel: yipts, size: 100}]'): Promise<CliResult> {
  const cfg = join(tempDir(), 'layout.yaml');
  writeFileSync(cfg, `stages:\n  test:\n    - layout: {device: ${device}, add_partitions: ${adds}}\n`);
  return yip(['-s', 'test', cfg]);
}

function failed(r: CliResult, message: string): void {
  assert.is(r.code, 1, r.stderr);
  assert.match(r.stderr, message);
}

function script(body: string): string {
  const path = join(tempDir(), 'disk.sh');
  writeFileSync(path, `#!/bin/sh\n${body}\n`);
  chmodSync(path, 0o755);
  return path;
}

// layout_test.go, "Fails to find device by path"
test('Fails to find device by path', async () => {
  failed(await layout('{path: /not/existing/device}'), '/not/existing/device');
});

// layout_test.go, "Fails to find device by label"
test('Fails to find device by label', async () => {
  failed(await layout('{label: WEIRDLABELIHOPEITDOESNTEXISTS}'), 'WEIRDLABELIHOPEITDOESNTEXISTS');
});

// layout_test.go, "Fails on an xfs fs with a label longer than 12 chars" (on a disk image file,
// which is left as it was)
test('Fails on an xfs fs with a label longer than 12 chars', async () => {
  const disk = join(tempDir(), 'disk.img');
  writeFileSync(disk, '');
  truncateSync(disk, 2048 << 20);
  failed(await layout(`{path: ${disk}}`, '[{fsLabel: LABEL_TOO_LONG_FOR_XFS, size: 1024, filesystem: xfs}]'), 'longer than 12');
});

// layout_test.go, "Returns error when script:// script exits non-zero"
test('Returns error when script:// script exits non-zero', async () => {
  failed(await layout(`{path: "script://${script("echo 'disk not found' >&2\nexit 1")}"}`), 'disk not found');
});

// layout_test.go, "Returns error when script:// script produces empty output"
test('Returns error when script:// script produces empty output', async () => {
  failed(await layout(`{path: "script://${script('exit 0')}"}`), 'empty');
});

const MiB = 1024 * 1024;

/** A 1 GiB + 1 MiB image (plus the backup GPT) with an empty GPT, as yip's tests start from. */
function gptImage(): string {
  const disk = join(tempDir(), 'test.img');
  writeFileSync(disk, '');
  truncateSync(disk, 1024 * MiB + MiB + 34 * 512);
  execFileSync('sfdisk', ['-q', disk], { input: 'label: gpt\n' });
  return disk;
}

interface Partition {
  readonly name: string;
  readonly sizeMiB: number;
  readonly start: number;
}

function partitions(disk: string): Partition[] {
  const { partitiontable } = JSON.parse(execFileSync('sfdisk', ['--json', disk], { encoding: 'utf8' })) as {
    partitiontable: { label: string; partitions?: { name?: string; size: number; start: number }[] };
  };
  assert.is(partitiontable.label, 'gpt');
  return (partitiontable.partitions ?? []).map((p) => ({ name: p.name ?? '', sizeMiB: (p.size * 512) / MiB, start: p.start }));
}

/** The filesystem type and label blkid finds in the partition starting at sector `start`. */
function filesystemAt(disk: string, start: number): string {
  try {
    return execFileSync('blkid', ['-p', '-o', 'export', '-O', String(start * 512), disk], { encoding: 'utf8' });
  } catch {
    return ''; // blkid exits 2 when it finds nothing
  }
}

const on = (disk: string) => `{path: ${disk}}`;
async function layoutOk(device: string, adds: string, expand = ''): Promise<void> {
  const cfg = join(tempDir(), 'layout.yaml');
  const expansion = expand ? `, expand_partition: ${expand}` : '';
  writeFileSync(cfg, `stages:\n  test:\n    - layout: {device: ${device}, add_partitions: ${adds}${expansion}}\n`);
  const r = await yip(['-s', 'test', cfg]);
  assert.is(r.code, 0, r.stderr);
}
async function expand(disk: string, size: number): Promise<CliResult> {
  const cfg = join(tempDir(), 'expand.yaml');
  writeFileSync(cfg, `stages:\n  test:\n    - layout: {device: ${on(disk)}, expand_partition: {size: ${size}}}\n`);
  return yip(['-s', 'test', cfg]);
}

// Partition sizes: yip's first partition is 1 MiB short of the size asked (it counts from the
// start of the disk); yipts gives the size asked (README, Compatibility: partition sizes).

// layout_test.go, "Adds a new partition by path"
test('Adds a new partition by path', async () => {
  const disk = gptImage();
  await layoutOk(on(disk), '[{pLabel: FAKELABEL, size: 100}]');
  const [p, ...rest] = partitions(disk);
  assert.equal([p?.name, p?.sizeMiB, rest.length], ['FAKELABEL', 100, 0]);
  assert.match(filesystemAt(disk, p!.start), 'TYPE=ext2', 'formatted with the default filesystem');
});

// layout_test.go, "Adds a new partition by path with fsLabel"
test('Adds a new partition by path with fsLabel', async () => {
  const disk = gptImage();
  await layoutOk(on(disk), '[{pLabel: FAKELABEL, fsLabel: FSLABEL, size: 100}]');
  const [p] = partitions(disk);
  assert.equal([p?.name, p?.sizeMiB], ['FAKELABEL', 100]);
  assert.match(filesystemAt(disk, p!.start), 'LABEL=FSLABEL');
});

/**
 * yip's test links /dev/disk/by-label/SOMELABEL to its image; yipts finds a disk by the filesystem
 * label of one of its partitions (blkid), so the label sits on a first partition of a disk attached
 * as a loop device, and is unique to the run (other disks of the machine may carry labels too).
 */
async function byLabel(adds: (tag: string) => string, check: (disk: TestDisk, tag: string) => Promise<void>): Promise<void> {
  const tag = Math.random().toString(36).slice(2, 7).toUpperCase();
  const disk = await labelledDisk({ sizeMiB: 256, partitions: [{ name: 'first', sizeMiB: 16, fsLabel: `SOME${tag}` }] });
  try {
    await disk.attach();
    await layoutOk(`{label: SOME${tag}}`, adds(tag));
    await disk.detach();
    await check(disk, tag);
  } finally {
    await disk.cleanup();
  }
}

// layout_test.go, "Adds a new partition by label"
test('Adds a new partition by label', async () => {
  await byLabel(
    () => '[{pLabel: PLABEL, size: 100}]',
    async (disk) =>
      assert.equal(
        (await tableOf(disk.image)).partitions.map((p) => p.name),
        ['first', 'PLABEL'],
      ),
  );
});

// layout_test.go, "Adds a new partition by label with fsLabel"
test('Adds a new partition by label with fsLabel', async () => {
  await byLabel(
    (tag) => `[{fsLabel: MY${tag}, size: 100}]`,
    async (disk, tag) => {
      const added = (await tableOf(disk.image)).partitions[1];
      assert.ok(added, 'a second partition');
      assert.match(filesystemAt(disk.image, added.start), `LABEL=MY${tag}`);
    },
  );
});

// layout_test.go, "Fails to add a partition of 1025MiB, there are only 1024MiB available"
test('Fails to add a partition of 1025MiB, there are only 1024MiB available', async () => {
  const disk = gptImage();
  failed(await layout(on(disk), '[{fsLabel: FAKELABEL, size: 1025}]'), 'not enough free space');
  assert.equal(partitions(disk), []);
});

// layout_test.go, "Ignores an already existing partition"
test('Ignores an already existing partition', async () => {
  const disk = gptImage();
  await layoutOk(on(disk), '[{pLabel: FAKELABEL, size: 100}]');
  await layoutOk(on(disk), '[{pLabel: FAKELABEL, size: 100}]');
  assert.equal(
    partitions(disk).map((p) => [p.name, p.sizeMiB]),
    [['FAKELABEL', 100]],
  );
});

// layout_test.go, "Fails to expand last partition, it can't shrink a partition"
test("Fails to expand last partition, it can't shrink a partition", async () => {
  const disk = gptImage();
  await layoutOk(on(disk), '[{pLabel: FAKELABEL, size: 512}]');
  failed(await expand(disk, 256), 'only grows');
  assert.is(partitions(disk)[0]?.sizeMiB, 512);
});

// layout_test.go, "Expands last partition"
test('Expands last partition', async () => {
  const disk = gptImage();
  await layoutOk(on(disk), '[{pLabel: FAKELABEL, size: 512}]');
  assert.is(partitions(disk)[0]?.sizeMiB, 512);
  assert.is((await expand(disk, 1024)).code, 0);
  assert.equal(
    partitions(disk).map((p) => [p.name, p.sizeMiB]),
    [['FAKELABEL', 1024]],
  );
});

// layout_test.go, "Expands last partition to take all space"
test('Expands last partition to take all space', async () => {
  const disk = gptImage();
  await layoutOk(on(disk), '[{pLabel: FAKELABEL, size: 512}]');
  assert.is(partitions(disk)[0]?.sizeMiB, 512);
  assert.is((await expand(disk, 0)).code, 0);
  assert.equal(
    partitions(disk).map((p) => [p.name, p.sizeMiB]),
    [['FAKELABEL', 1024]],
  );
});

// layout_test.go, "Expands last partition after creating the partitions"
test('Expands last partition after creating the partitions', async () => {
  const disk = gptImage();
  await layoutOk(on(disk), '[{pLabel: FAKELABEL, size: 512}]', '{size: 1024}');
  assert.equal(
    partitions(disk).map((p) => [p.name, p.sizeMiB]),
    [['FAKELABEL', 1024]],
  );
});

// layout_test.go, "Expands last partition with XFS fs". yip's test asks for a 100 MiB xfs with a
// mocked mkfs; today's mkfs.xfs refuses anything under 300 MB, so this one starts at 512 MiB.
test('Expands last partition with XFS fs', async () => {
  const disk = gptImage();
  await layoutOk(on(disk), '[{pLabel: FAKELABEL, size: 512, filesystem: xfs}]', '{size: 1024}');
  const [p] = partitions(disk);
  assert.equal([p?.name, p?.sizeMiB], ['FAKELABEL', 1024]);
  assert.match(filesystemAt(disk, p!.start), 'TYPE=xfs');
});

// layout_test.go, "Fails to expand last partition, if there is not enough space left"
test('Fails to expand last partition, if there is not enough space left', async () => {
  const disk = gptImage();
  await layoutOk(on(disk), '[{pLabel: FAKELABEL, size: 1000}]');
  failed(await expand(disk, 3073), 'not enough free space');
});

// layout_test.go, "Works on an non-xfs fs with a label longer than 12 chars"
test('Works on an non-xfs fs with a label longer than 12 chars', async () => {
  const disk = gptImage();
  await layoutOk(on(disk), '[{pLabel: LABEL_TOO_LONG_FOR_XFS, size: 10, filesystem: ext4}]');
  assert.equal(
    partitions(disk).map((p) => p.name),
    ['LABEL_TOO_LONG_FOR_XFS'],
  );
});

// layout_test.go, "Adds a swap partition and fails expanding it"
test('Adds a swap partition and fails expanding it', async () => {
  const disk = gptImage();
  const swapThenExpand = '[{fsLabel: MYLABEL, size: 10, filesystem: swap}], expand_partition: {size: 500}';
  failed(await layout(on(disk), swapThenExpand), 'swap, which cannot be grown');
  const [p] = partitions(disk);
  assert.is(p?.sizeMiB, 10);
  assert.match(filesystemAt(disk, p!.start), 'TYPE=swap');
});

// layout_test.go, "Resolves device path via script:// and adds a partition"
test('Resolves device path via script:// and adds a partition', async () => {
  const disk = gptImage();
  await layoutOk(`{path: "script://${script(`echo ${disk}`)}"}`, '[{pLabel: FAKELABEL, size: 100}]');
  assert.equal(
    partitions(disk).map((p) => p.name),
    ['FAKELABEL'],
  );
});

/** Adds one partition with `filesystem`, and checks it is there with no filesystem on it. */
async function unformatted(filesystem: string): Promise<void> {
  const disk = gptImage();
  await layoutOk(on(disk), `[{pLabel: FAKELABEL, size: 100, filesystem: "${filesystem}"}]`);
  const [p, ...rest] = partitions(disk);
  assert.equal([p?.name, p?.sizeMiB, rest.length], ['FAKELABEL', 100, 0]);
  assert.is(filesystemAt(disk, p!.start), '', 'no mkfs ran');
}

// layout_test.go, "Adds a noformat partition without calling mkfs"
test('Adds a noformat partition without calling mkfs', async () => {
  await unformatted('noformat');
});

// layout_test.go, 'Adds a partition with FileSystem="-" without calling mkfs'
test('Adds a partition with FileSystem="-" without calling mkfs', async () => {
  await unformatted('-');
});

// layout_test.go, 'Adds a partition with FileSystem="none" without calling mkfs'
test('Adds a partition with FileSystem="none" without calling mkfs', async () => {
  await unformatted('none');
});

// layout_test.go, "Mixes formatted and noformat partitions: only formatted ones invoke mkfs"
test('Mixes formatted and noformat partitions: only formatted ones invoke mkfs', async () => {
  const disk = gptImage();
  await layoutOk(on(disk), '[{pLabel: NOFMT, size: 100, filesystem: noformat}, {pLabel: DATA, size: 100, filesystem: ext4}]');
  const [nofmt, data] = partitions(disk);
  assert.equal([nofmt?.name, data?.name], ['NOFMT', 'DATA']);
  assert.is(filesystemAt(disk, nofmt!.start), '');
  assert.match(filesystemAt(disk, data!.start), 'TYPE=ext4');
});

test.run();
