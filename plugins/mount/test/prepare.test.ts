// Preparing and releasing a real root: a busybox tree, ext4 images on loop devices, real
// mount(8), blkid and chroot(8). The executor runs in this process's mount namespace here, so
// the host's mount table shows what the plugin did.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, rmdir, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { busyboxRoot, findMountsUnder, loopImage, readFileFromImage, run, safeRemove, withCleanup } from '@yipts/test-fixtures';
import { readMountTable } from '../src/mountinfo.js';
import { harness, stage } from './helpers.js';

const unique = () => Math.random().toString(36).slice(2, 8).toUpperCase();

/** Every path in the tree with its type and mode: what "the image is unchanged" compares. */
async function treeListing(dir: string): Promise<string[]> {
  const { stdout } = await run('find', [dir, '-printf', '%P %y %m\n']);
  return stdout.split('\n').filter(Boolean).sort();
}

test('binds, partitions and the resolver in Elemental order; release leaves the image as it was', () =>
  withCleanup(async (defer) => {
    const root = await busyboxRoot();
    defer(root.cleanup);
    await rmdir(join(root.path, 'sys')); // a missing mount point is created, then removed again
    const oem = await loopImage({ label: 'COS_OEM', files: { 'install.yaml': 'name: from oem\n' } });
    defer(oem.cleanup);
    const persistent = await loopImage({ label: 'COS_PERSISTENT', files: { 'cloud-config/99.yaml': 'persistent config\n' } });
    defer(persistent.cleanup);
    const before = await treeListing(root.path);

    const h = harness(root.path, { devices: { COS_OEM: oem.device, COS_PERSISTENT: persistent.device } });
    const result = await h.run(
      stage({
        commands: [
          'ls /oem > /seen-oem',
          'cat /usr/local/cloud-config/99.yaml > /seen-persistent',
          'test -c /dev/null && test -e /dev/pts/ptmx && test -r /proc/self/stat && test -d /sys/class && echo yes > /seen-system',
          'echo from the stage > /oem/written-by-stage',
        ],
      }),
    );
    assert.ok(result.ok, JSON.stringify(result.errors));
    const r = root.path;
    assert.equal(h.during, [`${r}/dev`, `${r}/dev/pts`, `${r}/proc`, `${r}/sys`, `${r}/oem`, `${r}/usr/local`, `${r}/etc/resolv.conf`]);
    assert.is(await readFile(join(r, 'seen-oem'), 'utf8'), 'install.yaml\nlost+found\n');
    assert.is(await readFile(join(r, 'seen-persistent'), 'utf8'), 'persistent config\n');
    assert.is(await readFile(join(r, 'seen-system'), 'utf8'), 'yes\n');

    assert.equal(await findMountsUnder(r), [], 'nothing stays mounted');
    const after = (await treeListing(r)).filter((l) => !l.startsWith('seen-'));
    assert.equal(after, before, 'mount points made for the run are gone, nothing else changed');
    // Written through the mount: on the partition, which is intact and no longer busy.
    assert.is(await readFileFromImage(oem.image, '/written-by-stage'), 'from the stage\n');
    assert.is(await readFileFromImage(oem.image, '/install.yaml'), 'name: from oem\n');
    assert.is(await readFileFromImage(persistent.image, '/cloud-config/99.yaml'), 'persistent config\n');
    assert.ok(h.logger.text('info').includes(`mounted COS_OEM (${oem.device}) at /oem`));
  }));

test('a partition that is not found is a warning: the stage runs without it', () =>
  withCleanup(async (defer) => {
    const root = await busyboxRoot();
    defer(root.cleanup);
    const missing = `NOPE_${unique()}`;
    const h = harness(root.path, { labels: { [missing]: '/oem' } });
    const result = await h.run(stage({ commands: ['test -d /proc/1 && echo ran > /ran'] }));
    assert.ok(result.ok, JSON.stringify(result.errors));
    assert.is(await readFile(join(root.path, 'ran'), 'utf8'), 'ran\n');
    assert.match(h.logger.text('warning'), `no partition labelled ${missing} found (blkid): /oem is not mounted`);
    assert.not.ok(h.during.includes(join(root.path, 'oem')));
    assert.not.ok(existsSync(join(root.path, 'oem')));
  }));

test('blkid finds partitions by label; elemental.oemlabel on the kernel command line renames the OEM label', () =>
  withCleanup(async (defer) => {
    const root = await busyboxRoot();
    defer(root.cleanup);
    const oemLabel = `OEM_${unique()}`;
    const persistentLabel = `PERS_${unique()}`;
    const oem = await loopImage({ label: oemLabel, files: { 'oem.txt': 'oem\n' } });
    defer(oem.cleanup);
    const persistent = await loopImage({ label: persistentLabel, files: { 'p.txt': 'persistent\n' } });
    defer(persistent.cleanup);
    const dir = await mkdtemp(join(tmpdir(), 'yipts-mount-cmdline-'));
    defer(() => rm(dir, { recursive: true, force: true }));
    await writeFile(join(dir, 'cmdline'), `BOOT_IMAGE=/boot/vmlinuz elemental.oemlabel=${oemLabel} quiet\n`);

    // Elemental v2's layout: the persistent partition under /run/elemental/persistent.
    const h = harness(root.path, {
      labels: { COS_OEM: '/oem', [persistentLabel]: '/run/elemental/persistent' },
      cmdline: join(dir, 'cmdline'),
    });
    const result = await h.run(stage({ commands: ['cat /oem/oem.txt /run/elemental/persistent/p.txt > /seen'] }));
    assert.ok(result.ok, JSON.stringify(result.errors));
    assert.is(await readFile(join(root.path, 'seen'), 'utf8'), 'oem\npersistent\n');
    assert.ok(h.during.includes(join(root.path, 'oem')) && h.during.includes(join(root.path, 'run/elemental/persistent')));
    assert.match(h.logger.text('info'), `mounted ${oemLabel} (${oem.device}) at /oem`);
    assert.equal(await findMountsUnder(root.path), []);
    assert.not.ok(existsSync(join(root.path, 'run/elemental')), 'mount points made below /run are removed again');
  }));

test('a partition mounted elsewhere already is bound from there, not mounted a second time', () =>
  withCleanup(async (defer) => {
    const root = await busyboxRoot();
    defer(root.cleanup);
    const oem = await loopImage({ label: 'COS_OEM', files: { 'install.yaml': 'x\n' } });
    defer(oem.cleanup);
    const elsewhere = await mkdtemp(join(tmpdir(), 'yipts-mount-elsewhere-'));
    defer(() => safeRemove(elsewhere));
    // noexec is a per-mount flag: a bind carries it over, a fresh mount of the device would not.
    await run('mount', ['-o', 'noexec,nosuid', oem.device, elsewhere]);
    defer(() => run('umount', [elsewhere], { allowFailure: true }));
    const { rdev } = await stat(oem.device);
    const number = `${Number((BigInt(rdev) >> 8n) & 0xfffn)}:${Number(BigInt(rdev) & 0xffn)}`;

    const h = harness(root.path, { devices: { COS_OEM: oem.device }, labels: { COS_OEM: '/oem' } });
    let ofDevice: { target: string; options: string }[] = [];
    h.executor.hooks.stageStart.tapPromise('count', async () => {
      ofDevice = (await readMountTable()).filter((m) => m.device === number).map((m) => ({ target: m.target, options: m.options }));
    });
    const result = await h.run(stage({ commands: ['ls /oem > /seen'] }));
    assert.ok(result.ok, JSON.stringify(result.errors));
    assert.is(await readFile(join(root.path, 'seen'), 'utf8'), 'install.yaml\nlost+found\n');
    assert.equal(
      ofDevice.map((m) => m.target),
      [elsewhere, join(root.path, 'oem')],
      'the device is in the tree twice: where it was, and bound in the root',
    );
    assert.match(ofDevice[1]?.options ?? '', /noexec/, 'bound: the mount carries the flags of the existing one');
    assert.match(h.logger.text('info'), `already mounted at ${elsewhere}: bound, not mounted again`);
    assert.equal(await findMountsUnder(root.path), []);
    assert.equal(await findMountsUnder(elsewhere), [elsewhere], "the user's own mount is left alone");
  }));

test('extra mounts go with the partitions, sorted by target; /run is bound when asked', () =>
  withCleanup(async (defer) => {
    const root = await busyboxRoot();
    defer(root.cleanup);
    const persistent = await loopImage({ label: 'COS_PERSISTENT', files: { 'p.txt': 'p\n' } });
    defer(persistent.cleanup);
    const shared = await mkdtemp(join(tmpdir(), 'yipts-mount-shared-'));
    defer(() => safeRemove(shared));
    await writeFile(join(shared, 'data.txt'), 'shared data\n');

    const h = harness(root.path, {
      labels: { COS_PERSISTENT: '/usr/local' },
      devices: { COS_PERSISTENT: persistent.device },
      bindRun: true,
      extraMounts: [
        { source: shared, target: '/usr/local/share/extra', bind: true, options: ['ro'] },
        { source: 'tmpfs', type: 'tmpfs', target: '/mnt/scratch', options: ['size=1m'] },
      ],
    });
    const result = await h.run(
      stage({
        commands: [
          'cat /usr/local/share/extra/data.txt > /seen',
          'echo x > /mnt/scratch/y',
          'ls -a /run > /seen-run',
          'echo nope > /usr/local/share/extra/w || echo read-only >> /seen',
        ],
      }),
    );
    assert.ok(result.ok, JSON.stringify(result.errors));
    const r = root.path;
    assert.equal(h.during, [
      `${r}/dev`,
      `${r}/dev/pts`,
      `${r}/proc`,
      `${r}/sys`,
      `${r}/run`,
      `${r}/mnt/scratch`,
      `${r}/usr/local`,
      `${r}/usr/local/share/extra`,
      `${r}/etc/resolv.conf`,
    ]);
    assert.is(await readFile(join(r, 'seen'), 'utf8'), 'shared data\nread-only\n');
    assert.is(await readFile(join(r, 'seen-run'), 'utf8'), (await run('ls', ['-a', '/run'])).stdout, "the root's /run is the host's");
    assert.equal(await findMountsUnder(r), []);
    assert.not.ok(existsSync(join(shared, 'w')), 'the read-only bind kept the host directory unwritten');
    // The mount point made on the partition for the extra mount is removed again.
    const listing = await run('debugfs', ['-R', 'ls -l /', persistent.image]);
    assert.not.match(listing.stdout, /\bshare\b/);
    assert.not.ok(existsSync(join(r, 'mnt/scratch')));
  }));

test('a root that is a link to the host /: nothing is prepared', () =>
  withCleanup(async (defer) => {
    const dir = await mkdtemp(join(tmpdir(), 'yipts-mount-hostlink-'));
    defer(() => rm(dir, { recursive: true, force: true }));
    const link = join(dir, 'root');
    await symlink('/', link);
    await mkdir(join(dir, 'unused'));
    const before = (await readMountTable()).length;
    const h = harness(link, { labels: {} });
    let during = -1;
    h.executor.hooks.stageStart.tapPromise('count', async () => {
      during = (await readMountTable()).length;
    });
    const result = await h.run(stage({ commands: ['true'] }));
    assert.ok(result.ok, JSON.stringify(result.errors));
    assert.is(during, before, 'no mount was made');
    assert.match(h.logger.text('warning'), "is the host's /: nothing to prepare");
  }));

test.run();
