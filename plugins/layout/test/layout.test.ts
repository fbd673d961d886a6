import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtemp, rmdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createExecutor } from '@yipts/core';
import type { LogLevel, RunResult } from '@yipts/core';
import { ensureDebianPackages, findMountsUnder, loopDevicesUnder, run } from '@yipts/test-fixtures';
import layoutPlugin from '../src/index.js';
import { CAP_SYS_RESOURCE, hasCapability } from '../src/capabilities.js';
import { fsAt, gptImage, MiB, sgdiskNames, tableOf, type TestDisk } from './support/disk.js';

const disks: TestDisk[] = [];
const tag = () => Math.random().toString(36).slice(2, 7).toUpperCase();

async function disk(
  sizeMiB: number,
  partitions: { name: string; sizeMiB: number; fsLabel?: string; fsSizeMiB?: number }[],
): Promise<TestDisk> {
  const d = await gptImage({ sizeMiB, partitions });
  disks.push(d);
  return d;
}

async function runLayout(yaml: string, root = '/') {
  const logs: { level: LogLevel; message: string }[] = [];
  const executor = createExecutor({ plugins: [layoutPlugin()], logger: { log: (level, message) => logs.push({ level, message }) } });
  const result: RunResult = await executor.runStage('test', [{ kind: 'inline', name: 'layout.yaml', text: yaml }], {
    root,
    env: process.env,
  });
  const steps = result.stages.flatMap((s) => s.steps);
  return { result, steps, errors: steps.flatMap((s) => s.errors), logs };
}

const step = (device: string, body: string) => `    - name: layout\n      layout:\n        device:\n          ${device}\n${body}`;
const yaml = (...steps: string[]) => `stages:\n  test:\n${steps.join('')}`;

test.before(async () => {
  await ensureDebianPackages(['fdisk', 'gdisk', 'util-linux', 'e2fsprogs']);
});

test.after.each(async () => {
  for (const d of disks.splice(0)) {
    await d.cleanup();
    assert.equal(await loopDevicesUnder(d.dir), [], `loop devices left over ${d.dir}`);
  }
});

test('adds an ext4 partition with its label, then one with size 0 taking the rest; a second run changes nothing', async () => {
  const t = tag();
  const d = await disk(128, [{ name: 'oem', sizeMiB: 20, fsLabel: `O${t}` }]);
  const device = await d.attach();
  const body = `        add_partitions:\n          - fsLabel: P${t}\n            pLabel: persistent\n            size: 40\n            filesystem: ext4\n          - fsLabel: R${t}\n            pLabel: rest\n            size: 0\n            filesystem: ext4\n`;
  const config = yaml(step(`path: ${device}`, body));
  const first = await runLayout(config);
  assert.equal(
    first.errors.map((e) => e.message),
    [],
  );
  assert.equal(
    first.steps.map((s) => s.status),
    ['ok'],
  );
  // The kernel was told about the new partitions.
  assert.ok((await run('ls', [`${device}p2`, `${device}p3`])).code === 0);
  const before = await run('sfdisk', ['--json', d.image]);
  await d.detach();

  const table = await tableOf(d.image);
  assert.equal(
    table.partitions.map((p) => [p.number, p.name, p.start, p.size]),
    [
      [1, 'oem', 2048, 20 * 2048],
      [2, 'persistent', 21 * 2048, 40 * 2048],
      // The rest: every whole MiB before the backup GPT (128 MiB - 1 MiB at the start - 20 - 40 - the last partial MiB).
      [3, 'rest', 61 * 2048, 66 * 2048],
    ],
  );
  assert.ok(table.partitions[2]!.start + table.partitions[2]!.size - 1 <= table.lastlba);
  assert.equal(await sgdiskNames(d.image), ['oem', 'persistent', 'rest']);
  const p2 = await fsAt(d.image, 21 * 2048, 40 * 2048);
  assert.is(p2.type, 'ext4');
  assert.is(p2.label, `P${t}`);
  assert.is(p2.bytes, 40 * MiB);
  const p3 = await fsAt(d.image, 61 * 2048, 66 * 2048);
  assert.is(p3.label, `R${t}`);
  assert.is(p3.bytes, 66 * MiB);
  const oem = await fsAt(d.image, 2048, 20 * 2048);
  assert.is(oem.label, `O${t}`, 'the existing partition keeps its filesystem');

  // Second run: the labels exist, nothing is written (same table bytes, same filesystem UUIDs).
  const again = await d.attach();
  const second = await runLayout(yaml(step(`path: ${again}`, body)));
  assert.equal(
    second.errors.map((e) => e.message),
    [],
  );
  assert.ok(second.logs.some((l) => /already on/.test(l.message)));
  assert.is((await run('sfdisk', ['--json', d.image])).stdout.replace(/\/dev\/loop\d+/g, ''), before.stdout.replace(/\/dev\/loop\d+/g, ''));
  // The filesystem label alone is enough to recognise a partition already there.
  const third = await runLayout(yaml(step(`path: ${again}`, body.replace(/pLabel: \w+/g, 'pLabel: other'))));
  assert.equal(
    third.errors.map((e) => e.message),
    [],
  );
  assert.is((await run('sfdisk', ['--json', d.image])).stdout.replace(/\/dev\/loop\d+/g, ''), before.stdout.replace(/\/dev\/loop\d+/g, ''));
  await d.detach();
  assert.is((await fsAt(d.image, 21 * 2048, 40 * 2048)).uuid, p2.uuid);
  assert.is((await fsAt(d.image, 61 * 2048, 66 * 2048)).uuid, p3.uuid);
});

test('expands the last partition to a size, then to the rest, growing its ext4; then it is a no-op', async () => {
  const t = tag();
  const d = await disk(200, [
    { name: 'state', sizeMiB: 16, fsLabel: `S${t}` },
    { name: 'persistent', sizeMiB: 32, fsLabel: `P${t}` },
  ]);
  const device = await d.attach();
  const bySize = await runLayout(yaml(step(`path: ${device}`, '        expand_partition:\n          size: 100\n')));
  assert.equal(
    bySize.errors.map((e) => e.message),
    [],
  );
  await d.detach();
  let table = await tableOf(d.image);
  assert.equal(
    table.partitions.map((p) => [p.start, p.size]),
    [
      [2048, 16 * 2048],
      [17 * 2048, 100 * 2048],
    ],
  );
  const grown = await fsAt(d.image, 17 * 2048, 100 * 2048);
  assert.is(grown.label, `P${t}`);
  assert.is(grown.bytes, 100 * MiB);
  const uuid = grown.uuid;

  const again = await d.attach();
  const toRest = await runLayout(yaml(step(`path: ${again}`, '        expand_partition:\n          size: 0\n')));
  assert.equal(
    toRest.errors.map((e) => e.message),
    [],
  );
  await d.detach();
  table = await tableOf(d.image);
  const last = table.partitions[1]!;
  assert.is(last.size, (200 - 1 - 16 - 1) * 2048, 'every whole MiB up to the backup GPT');
  const rest = await fsAt(d.image, last.start, last.size);
  assert.is(rest.uuid, uuid, 'the filesystem was grown, not recreated');
  assert.is(rest.bytes, last.size * 512);

  const third = await d.attach();
  const noop = await runLayout(yaml(step(`path: ${third}`, '        expand_partition:\n          size: 0\n')));
  assert.equal(
    noop.errors.map((e) => e.message),
    [],
  );
  await d.detach();
  assert.equal((await tableOf(d.image)).partitions, table.partitions);
});

test('a mounted ext4 partition: grown online where the process may (CAP_SYS_RESOURCE), else refused with nothing changed', async () => {
  const t = tag();
  const d = await disk(96, [{ name: 'persistent', sizeMiB: 24, fsLabel: `M${t}` }]);
  const device = await d.attach();
  const mnt = await mkdtemp(join(tmpdir(), 'yipts-layout-mnt-'));
  const canGrowOnline = await hasCapability(CAP_SYS_RESOURCE);
  await run('mount', [`${device}p1`, mnt]);
  try {
    const r = await runLayout(yaml(step(`path: ${device}`, '        expand_partition:\n          size: 0\n')));
    assert.equal(await findMountsUnder(mnt), [mnt], 'still mounted');
    const df = Number((await run('df', ['-B1', '--output=size', mnt])).stdout.split('\n')[1]!.trim());
    if (canGrowOnline) {
      assert.equal(
        r.errors.map((e) => e.message),
        [],
      );
      assert.ok(df > 60 * MiB, `mounted filesystem grew (df says ${df})`);
    } else {
      assert.match(r.errors[0]!.message, /mounted on .*online needs CAP_SYS_RESOURCE.*nothing was changed/);
      assert.ok(df < 25 * MiB);
    }
  } finally {
    await run('umount', [mnt], { allowFailure: true });
    await rmdir(mnt);
  }
  await d.detach();
  const last = (await tableOf(d.image)).partitions[0]!;
  const expected = canGrowOnline ? 94 : 24;
  assert.is(last.size, expected * 2048);
  assert.is((await fsAt(d.image, last.start, last.size)).bytes, expected * MiB);
});

test('a partition in use other than by a mount (an offset loop over it holding the disk busy) is not expanded', async () => {
  const t = tag();
  const d = await disk(64, [{ name: 'persistent', sizeMiB: 16, fsLabel: `U${t}` }]);
  const device = await d.attach();
  const mnt = await mkdtemp(join(tmpdir(), 'yipts-layout-mnt-'));
  // Mounted through a loop device over the partition's bytes, not through its node.
  const loop = (await run('losetup', ['-f', '--show', '-o', String(MiB), '--sizelimit', String(16 * MiB), device])).stdout.trim();
  await run('mount', [loop, mnt]);
  try {
    const r = await runLayout(yaml(step(`path: ${device}`, '        expand_partition:\n          size: 0\n')));
    assert.match(r.errors[0]?.message ?? '', /mounted on .* through \/dev\/loop\d+, not its own device/);
  } finally {
    await run('umount', [mnt], { allowFailure: true });
    await run('losetup', ['-d', loop], { allowFailure: true });
    await rmdir(mnt);
  }
  await d.detach();
  assert.is((await tableOf(d.image)).partitions[0]!.size, 16 * 2048, 'not expanded');
});

test('a partition that already fills the disk but holds a smaller ext4 (a run cut short) gets its filesystem grown', async () => {
  const t = tag();
  const d = await disk(64, [{ name: 'persistent', sizeMiB: 62, fsLabel: `G${t}`, fsSizeMiB: 20 }]);
  const device = await d.attach();
  const r = await runLayout(yaml(step(`path: ${device}`, '        expand_partition:\n          size: 0\n')));
  assert.equal(
    r.errors.map((e) => e.message),
    [],
  );
  await d.detach();
  const p = (await tableOf(d.image)).partitions[0]!;
  assert.is(p.size, 62 * 2048, 'the table was already right');
  assert.is((await fsAt(d.image, p.start, p.size)).bytes, 62 * MiB);
});

test('a disk that grew after its table was written: the backup GPT is moved to the end and the new space used', async () => {
  const t = tag();
  const d = await disk(32, [{ name: 'persistent', sizeMiB: 16, fsLabel: `W${t}` }]);
  await run('truncate', ['-s', '80M', d.image]);
  const device = await d.attach();
  const r = await runLayout(yaml(step(`path: ${device}`, '        expand_partition:\n          size: 0\n')));
  assert.equal(
    r.errors.map((e) => e.message),
    [],
  );
  await d.detach();
  const table = await tableOf(d.image);
  assert.is(table.lastlba, 80 * 2048 - 34);
  assert.is(table.partitions[0]!.size, 78 * 2048);
  assert.is((await fsAt(d.image, 2048, 78 * 2048)).bytes, 78 * MiB);
  const verify = await run('sgdisk', ['-v', d.image]);
  assert.match(verify.stdout, /No problems found/);
});

test('xfs and vfat: an EFI partition and an xfs one added, then the xfs grown (mounted on a private temporary directory for xfs_growfs)', async () => {
  await ensureDebianPackages(['xfsprogs', 'dosfstools']);
  const t = tag();
  // xfsprogs makes no xfs smaller than 300 MiB; the image is sparse.
  const d = await disk(720, [{ name: 'oem', sizeMiB: 8, fsLabel: `E${t}` }]);
  const device = await d.attach();
  const added = await runLayout(
    yaml(
      step(
        `path: ${device}`,
        `        add_partitions:\n          - fsLabel: EFI${t}\n            pLabel: efi\n            size: 32\n            filesystem: vfat\n            bootable: true\n          - fsLabel: X${t}\n            pLabel: data\n            size: 320\n            filesystem: xfs\n`,
      ),
    ),
  );
  assert.equal(
    added.errors.map((e) => e.message),
    [],
  );
  const grown = await runLayout(yaml(step(`path: ${device}`, '        expand_partition:\n          size: 0\n')));
  assert.equal(
    grown.errors.map((e) => e.message),
    [],
  );
  assert.equal(
    await findMountsUnder(tmpdir()).then((m) => m.filter((x) => x.includes('yipts-layout-grow'))),
    [],
    'the temporary mount is gone',
  );
  await d.detach();
  const [, efi, data] = (await tableOf(d.image)).partitions;
  assert.is(efi!.type, 'C12A7328-F81F-11D2-BA4B-00A0C93EC93B');
  const efiFs = await fsAt(d.image, efi!.start, efi!.size);
  assert.is(efiFs.type, 'vfat');
  assert.is(efiFs.label, `EFI${t}`);
  assert.is(data!.size, (720 - 1 - 8 - 32 - 1) * 2048);
  const loop = (
    await run('losetup', ['-f', '--show', '-o', String(data!.start * 512), '--sizelimit', String(data!.size * 512), d.image])
  ).stdout.trim();
  try {
    const sb = (await run('xfs_db', ['-r', '-c', 'sb 0', '-c', 'print dblocks', '-c', 'print blocksize', '-c', 'print fname', loop]))
      .stdout;
    const dblocks = Number(/dblocks = (\d+)/.exec(sb)![1]);
    const blocksize = Number(/blocksize = (\d+)/.exec(sb)![1]);
    assert.ok(dblocks * blocksize > 600 * MiB, `xfs grew to ${dblocks * blocksize}`);
    assert.match(sb, new RegExp(`X${t}`));
  } finally {
    await run('losetup', ['-d', loop]);
  }
});

test('device by label: the disk holding the partition with that filesystem label', async () => {
  const t = tag();
  const d = await disk(64, [{ name: 'oem', sizeMiB: 16, fsLabel: `L${t}` }]);
  await d.attach();
  const r = await runLayout(
    yaml(
      step(
        `label: L${t}`,
        `        add_partitions:\n          - fsLabel: N${t}\n            pLabel: added\n            size: 8\n            filesystem: ext4\n`,
      ),
    ),
  );
  assert.equal(
    r.errors.map((e) => e.message),
    [],
  );
  await d.detach();
  const table = await tableOf(d.image);
  assert.equal(
    table.partitions.map((p) => p.name),
    ['oem', 'added'],
  );
  assert.is((await fsAt(d.image, 17 * 2048, 8 * 2048)).label, `N${t}`);
});

test('a disk image file as device.path: partitions formatted through a loop device over their bytes, detached after', async () => {
  const t = tag();
  const d = await disk(64, [{ name: 'oem', sizeMiB: 8, fsLabel: `I${t}` }]);
  const r = await runLayout(
    yaml(
      step(
        `path: ${d.image}`,
        `        add_partitions:\n          - fsLabel: F${t}\n            pLabel: data\n            size: 16\n            filesystem: ext2\n            bootable: true\n`,
      ),
    ),
  );
  assert.equal(
    r.errors.map((e) => e.message),
    [],
  );
  assert.equal(await loopDevicesUnder(d.dir), [], 'the stand-in loop device was detached');
  const p = (await tableOf(d.image)).partitions[1]!;
  assert.is(p.type, '21686148-6449-6E6F-744E-656564454649', 'bootable ext: BIOS boot type, as yip');
  assert.match(p.attrs ?? '', /LegacyBIOSBootable/);
  const fs = await fsAt(d.image, p.start, p.size);
  assert.is(fs.type, 'ext2');
  assert.is(fs.label, `F${t}`);
});

test('errors name the step; a missing device or a full disk fails its step only, the next step still runs, nothing written', async () => {
  const t = tag();
  const full = await disk(48, [{ name: 'all', sizeMiB: 46, fsLabel: `A${t}` }]);
  const ok = await disk(48, [{ name: 'one', sizeMiB: 8 }]);
  const fullDev = await full.attach();
  const okDev = await ok.attach();
  const before = await run('sfdisk', ['--json', full.image]);
  const r = await runLayout(
    yaml(
      step('path: /dev/yipts-no-such-disk', '        expand_partition:\n          size: 0\n'),
      step(`path: ${fullDev}`, `        add_partitions:\n          - fsLabel: X${t}\n            size: 10\n            filesystem: ext4\n`),
      step(`path: ${okDev}`, `        add_partitions:\n          - pLabel: two\n            size: 4\n            filesystem: ext4\n`),
    ),
  );
  assert.equal(
    r.steps.map((s) => s.status),
    ['failed', 'failed', 'ok'],
  );
  const [missing, noSpace] = r.steps.map((s) => s.errors[0]);
  assert.match(missing!.message, /\/dev\/yipts-no-such-disk does not exist/);
  assert.ok(missing!.stepId);
  assert.match(noSpace!.message, /not enough free space on \/dev\/loop\d+ for partition X.*10 MiB asked, 0 MiB free/);
  assert.is((await run('sfdisk', ['--json', full.image])).stdout, before.stdout, 'the full disk is untouched');
  await ok.detach();
  assert.equal(
    (await tableOf(ok.image)).partitions.map((p) => p.name),
    ['one', 'two'],
  );
});

test('bad input fails before any disk is touched; a label is refused inside a chroot root', async () => {
  const t = tag();
  const d = await disk(48, [{ name: 'one', sizeMiB: 8, fsLabel: `B${t}` }]);
  const device = await d.attach();
  const before = await run('sfdisk', ['--json', d.image]);
  const r = await runLayout(
    yaml(
      step(
        `path: ${device}`,
        `        add_partitions:\n          - fsLabel: ok\n            size: 4\n            filesystem: ext4\n          - fsLabel: waytoolongforxfs\n            size: 4\n            filesystem: xfs\n          - size: 4\n            filesystem: ntfs\n`,
      ),
      step(
        `path: ${device}`,
        `        add_partitions:\n          - size: 0\n            filesystem: ext4\n          - size: 4\n            filesystem: ext4\n`,
      ),
    ),
  );
  assert.match(
    r.steps[0]!.errors[0]!.message,
    /add_partitions\[1\].*longer than 12 bytes.*add_partitions\[2\].*unsupported filesystem "ntfs"/,
  );
  assert.match(r.steps[1]!.errors[0]!.message, /size 0 \(the rest of the disk\) but is not the last/);
  assert.is((await run('sfdisk', ['--json', d.image])).stdout, before.stdout);

  // Not a GPT disk: a filesystem on the whole image, and an MBR table.
  const plain = join(d.dir, 'plain.img');
  await run('truncate', ['-s', '16M', plain]);
  await run('mkfs.ext4', ['-q', '-F', plain]);
  const mbr = join(d.dir, 'mbr.img');
  await run('truncate', ['-s', '16M', mbr]);
  await run('sfdisk', ['-q', mbr], { input: 'label: dos\nstart=2048, size=4096, type=83\n' });
  const notGpt = await runLayout(
    yaml(
      step(`path: ${plain}`, '        expand_partition:\n          size: 0\n'),
      step(`path: ${mbr}`, '        expand_partition:\n          size: 0\n'),
    ),
  );
  assert.match(notGpt.steps[0]!.errors[0]!.message, /cannot read a partition table on .*plain\.img/);
  assert.match(notGpt.steps[1]!.errors[0]!.message, /mbr\.img is dos, only GPT is supported/);

  const root = await mkdtemp(join(tmpdir(), 'yipts-layout-root-'));
  try {
    const inRoot = await runLayout(yaml(step(`label: B${t}`, '        expand_partition:\n          size: 0\n')), root);
    assert.match(inRoot.errors[0]!.message, /device\.label B\w+ is not looked up when the target root is/);
  } finally {
    await rmdir(root);
  }
  assert.is((await run('sfdisk', ['--json', d.image])).stdout, before.stdout);
});

test.run();
