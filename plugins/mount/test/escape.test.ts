// An image whose links point at host paths cannot make a mount, a mount point or the resolver's
// placeholder land outside the root: every path is resolved the way the chroot will see it.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { busyboxRoot, findMountsUnder, loopImage, withCleanup } from '@yipts/test-fixtures';
import { readMountTable } from '../src/mountinfo.js';
import { harness, stage, stepErrors } from './helpers.js';

test('links to host paths (absolute, ../../) are followed inside the root only', () =>
  withCleanup(async (defer) => {
    const root = await busyboxRoot();
    defer(root.cleanup);
    // Host places the image's links name; none of them may be touched.
    const host = await mkdtemp(join(tmpdir(), 'yipts-mount-host-'));
    defer(() => rm(host, { recursive: true, force: true }));
    await mkdir(join(host, 'oem'));
    await writeFile(join(host, 'resolv.conf'), 'host sentinel\n');
    const oem = await loopImage({ label: 'COS_OEM', files: { 'oem.txt': 'oem\n' } });
    defer(oem.cleanup);

    await symlink(join(host, 'oem'), join(root.path, 'oem')); // absolute
    await symlink(`../../../../../../../../..${host}/resolv.conf`, join(root.path, 'etc/resolv.conf')); // climbing
    await rm(join(root.path, 'sys'), { recursive: true });
    await symlink(`../../../../../../..${host}/sys`, join(root.path, 'sys')); // dangling, climbing

    const hostTableBefore = (await readMountTable()).filter((m) => !m.target.startsWith(root.path)).map((m) => m.target);
    const h = harness(root.path, { labels: { COS_OEM: '/oem' }, devices: { COS_OEM: oem.device } });
    let outside: string[] = [];
    h.executor.hooks.stageStart.tapPromise('outside', async () => {
      outside = (await readMountTable()).filter((m) => !m.target.startsWith(`${root.path}/`)).map((m) => m.target);
    });
    const result = await h.run(stage({ commands: ['cat /oem/oem.txt /etc/resolv.conf > /seen', 'test -d /sys/class'] }));
    assert.ok(result.ok, stepErrors(result));
    assert.equal(outside, hostTableBefore, 'no mount was made outside the root');
    const inRoot = (p: string) => join(root.path, host, p);
    assert.ok(h.during.includes(inRoot('oem')), '/oem -> <host>/oem was mounted at the same path inside the root');
    assert.ok(h.during.includes(inRoot('sys')));
    assert.ok(h.during.includes(inRoot('resolv.conf')));
    assert.is(await readFile(join(root.path, 'seen'), 'utf8'), `oem\n${await readFile('/etc/resolv.conf', 'utf8')}`);
    assert.equal(await readdir(join(host, 'oem')), [], 'the host directory stays empty');
    assert.is(await readFile(join(host, 'resolv.conf'), 'utf8'), 'host sentinel\n');
    assert.not.ok(existsSync(join(host, 'sys')));
    assert.equal(await findMountsUnder(root.path), []);
    assert.not.ok(existsSync(join(root.path, host)), 'what was made inside the root for the links is gone again');
  }));

test('a mount point that resolves to the root itself is refused; the run fails before any step', () =>
  withCleanup(async (defer) => {
    const root = await busyboxRoot();
    defer(root.cleanup);
    await rm(join(root.path, 'proc'), { recursive: true });
    await symlink('/../..', join(root.path, 'proc'));
    const h = harness(root.path, { labels: {} });
    const result = await h.run(stage({ commands: ['touch /ran'] }));
    assert.ok(result.fatal);
    assert.match(result.errors.map((e) => e.message).join('\n'), /refusing to mount on \/proc .*resolves to the root itself/);
    assert.not.ok(existsSync(join(root.path, 'ran')));
    assert.equal(await findMountsUnder(root.path), []);
  }));

test('nothing is created through a bind of the host: a mount point below /dev is refused', () =>
  withCleanup(async (defer) => {
    const root = await busyboxRoot();
    defer(root.cleanup);
    const name = `yipts-never-${process.pid}`;
    const h = harness(root.path, { labels: {}, extraMounts: [{ source: 'tmpfs', type: 'tmpfs', target: `/dev/${name}` }] });
    const result = await h.run(stage({ commands: ['touch /ran'] }));
    assert.ok(result.fatal);
    assert.match(
      result.errors.map((e) => e.message).join('\n'),
      new RegExp(`cannot create /dev/${name} .* on /dev, which is the host's /dev`),
    );
    assert.not.ok(existsSync(`/dev/${name}`), "nothing was made in the host's /dev");
    assert.equal(await findMountsUnder(root.path), []);
  }));

test.run();
