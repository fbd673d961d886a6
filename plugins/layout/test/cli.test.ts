/** The layout action through the yip command line, on real configs: the corpus's auto-expand file and a cloud-config growpart. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { ensureDebianPackages, loopDevicesUnder, run } from '@yipts/test-fixtures';
import { fsAt, gptImage, MiB, tableOf, type TestDisk } from './support/disk.js';
import { corpusFile } from '@yipts/test-fixtures';

const REPO = resolve(import.meta.dirname, '../../..');
const AUTO_EXPAND = corpusFile('cos-toolkit/examples/rpi/files/system/oem/01_auto_expand.yaml');
const yip = (args: string[]) =>
  run('pnpm', ['exec', 'tsx', join(REPO, 'packages/cli/src/bin.ts'), ...args], { cwd: REPO, allowFailure: true });

const disks: TestDisk[] = [];
test.before(async () => {
  await ensureDebianPackages(['fdisk', 'util-linux', 'e2fsprogs']);
});
test.after.each(async () => {
  for (const d of disks.splice(0)) {
    await d.cleanup();
    assert.equal(await loopDevicesUnder(d.dir), []);
  }
});

test('corpus 01_auto_expand.yaml (rootfs, label COS_PERSISTENT, size 0) grows the persistent partition and its ext4', async () => {
  const d = await gptImage({
    sizeMiB: 96,
    partitions: [
      { name: 'oem', sizeMiB: 8 },
      { name: 'persistent', sizeMiB: 16, fsLabel: 'COS_PERSISTENT' },
    ],
  });
  disks.push(d);
  const device = await d.attach();
  // The label is the corpus's own, so this disk must be its only holder: the suites run one after
  // another and detach what they attach, so another holder is a leak worth failing on.
  const holders = (await run('blkid', ['-c', '/dev/null', '-o', 'device', '-t', 'LABEL=COS_PERSISTENT'], { allowFailure: true })).stdout
    .trim()
    .split('\n');
  assert.equal(holders, [`${device}p2`], 'no other disk carries COS_PERSISTENT');
  const r = await yip(['-s', 'rootfs', AUTO_EXPAND]);
  assert.is(r.code, 0, r.stderr + r.stdout);
  await d.detach();
  const p = (await tableOf(d.image)).partitions[1]!;
  assert.is(p.size, (96 - 1 - 8 - 1) * 2048);
  const fs = await fsAt(d.image, p.start, p.size);
  assert.is(fs.label, 'COS_PERSISTENT');
  assert.is(fs.bytes, 86 * MiB);
});

test('cloud-config growpart.devices: a boot-stage expansion of the last partition; a failing device exits 1', async () => {
  const d = await gptImage({ sizeMiB: 48, partitions: [{ name: 'root', sizeMiB: 16, fsLabel: `GP${process.pid % 100000}` }] });
  disks.push(d);
  const device = await d.attach();
  const config = join(d.dir, 'user-data');
  await writeFile(config, `#cloud-config\ngrowpart:\n  devices: ['${device}']\n`);
  const r = await yip(['-s', 'boot', config]);
  assert.is(r.code, 0, r.stderr + r.stdout);
  await writeFile(config, `#cloud-config\ngrowpart:\n  devices: ['/dev/yipts-missing']\n`);
  const bad = await yip(['-s', 'boot', config]);
  assert.is(bad.code, 1);
  assert.match(bad.stderr + bad.stdout, /\/dev\/yipts-missing does not exist/);
  await d.detach();
  const p = (await tableOf(d.image)).partitions[0]!;
  assert.is(p.size, 46 * 2048);
  assert.is((await fsAt(d.image, p.start, p.size)).bytes, 46 * MiB);
});

test.run();
