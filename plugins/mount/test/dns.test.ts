// DNS inside the chroot: the host's resolver file is what the chroot reads at /etc/resolv.conf,
// whatever the image has there (a file, a dangling link into /run, nothing), and the image's
// own file is exactly as before afterwards. A loopback DNS server proves names really resolve.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync } from 'node:fs';
import { lstat, mkdtemp, readFile, readlink, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { busyboxRoot, findMountsUnder, withCleanup } from '@yipts/test-fixtures';
import { startDnsServer } from './dns-server.js';
import { harness, stage, stepErrors } from './helpers.js';

const NO_PARTITIONS = { labels: {} };

test("the chroot reads the host's resolv.conf; the image's file and the host's stay as they were", () =>
  withCleanup(async (defer) => {
    const root = await busyboxRoot();
    defer(root.cleanup);
    const imageFile = join(root.path, 'etc/resolv.conf');
    await writeFile(imageFile, "nameserver 192.0.2.1 # the image's own\n");
    const before = await stat(imageFile);
    const hostBefore = await readFile('/etc/resolv.conf');

    const h = harness(root.path, NO_PARTITIONS);
    const result = await h.run(stage({ commands: ['cat /etc/resolv.conf > /seen'] }));
    assert.ok(result.ok, stepErrors(result));
    assert.equal(await readFile(join(root.path, 'seen')), hostBefore, "inside the chroot: the host's resolver file");
    assert.is(await readFile(imageFile, 'utf8'), "nameserver 192.0.2.1 # the image's own\n");
    const after = await stat(imageFile);
    assert.is(after.ino, before.ino);
    assert.is(after.mtimeMs, before.mtimeMs);
    assert.equal(await readFile('/etc/resolv.conf'), hostBefore, "the host's file is untouched");
    assert.equal(await findMountsUnder(root.path), []);
  }));

test('a stage that rewrites /etc/resolv.conf: its content is kept in the image, never on the host', () =>
  withCleanup(async (defer) => {
    const root = await busyboxRoot();
    defer(root.cleanup);
    const imageFile = join(root.path, 'etc/resolv.conf');
    await writeFile(imageFile, "nameserver 192.0.2.1 # the image's own\n", { mode: 0o640 });
    const before = await stat(imageFile);
    const hostBefore = await readFile('/etc/resolv.conf');
    const h = harness(root.path, NO_PARTITIONS);
    const result = await h.run(stage({ commands: ['echo "nameserver 203.0.113.9" > /etc/resolv.conf', 'cat /etc/resolv.conf > /seen'] }));
    assert.ok(result.ok, stepErrors(result));
    assert.is(await readFile(join(root.path, 'seen'), 'utf8'), 'nameserver 203.0.113.9\n', 'the stage reads back what it wrote');
    assert.is(await readFile(imageFile, 'utf8'), 'nameserver 203.0.113.9\n');
    const after = await stat(imageFile);
    assert.is(after.ino, before.ino, 'written in place');
    assert.is(after.mode & 0o777, 0o640);
    assert.equal(await readFile('/etc/resolv.conf'), hostBefore);
    assert.match(h.logger.text('info'), '/etc/resolv.conf was rewritten during the run: the new content is kept');
  }));

test('a dangling link into /run (as images ship it): followed inside the root, the link itself kept', () =>
  withCleanup(async (defer) => {
    const root = await busyboxRoot();
    defer(root.cleanup);
    const dir = await mkdtemp(join(tmpdir(), 'yipts-mount-resolver-'));
    defer(() => rm(dir, { recursive: true, force: true }));
    const resolver = join(dir, 'resolv.conf');
    await writeFile(resolver, 'nameserver 198.51.100.7\nsearch example.test\n');
    await symlink('../run/netconfig/resolv.conf', join(root.path, 'etc/resolv.conf'));

    const h = harness(root.path, { ...NO_PARTITIONS, resolvConf: resolver });
    const result = await h.run(stage({ commands: ['cat /etc/resolv.conf > /seen'] }));
    assert.ok(result.ok, stepErrors(result));
    assert.is(await readFile(join(root.path, 'seen'), 'utf8'), 'nameserver 198.51.100.7\nsearch example.test\n');
    assert.ok(h.during.includes(join(root.path, 'run/netconfig/resolv.conf')), 'the copy is bound where the link points, inside the root');
    assert.ok((await lstat(join(root.path, 'etc/resolv.conf'))).isSymbolicLink());
    assert.is(await readlink(join(root.path, 'etc/resolv.conf')), '../run/netconfig/resolv.conf');
    assert.not.ok(existsSync(join(root.path, 'run/netconfig')), 'what was made to hold the bind is removed');
    assert.equal(await findMountsUnder(root.path), []);

    // Rewritten by the stage: the link now leads to a file holding that content.
    const again = await h.run(stage({ commands: ['echo "nameserver 203.0.113.5" > /etc/resolv.conf'] }));
    assert.ok(again.ok, stepErrors(again));
    assert.is(await readFile(join(root.path, 'run/netconfig/resolv.conf'), 'utf8'), 'nameserver 203.0.113.5\n');
    assert.is(await readlink(join(root.path, 'etc/resolv.conf')), '../run/netconfig/resolv.conf');
  }));

test('a name only the resolver file knows resolves inside the chroot (loopback DNS server)', () =>
  withCleanup(async (defer) => {
    const root = await busyboxRoot();
    defer(root.cleanup);
    const server = await startDnsServer({ 'oem.yipts.test': '10.20.30.40' });
    defer(server.close);
    const dir = await mkdtemp(join(tmpdir(), 'yipts-mount-resolver-'));
    defer(() => rm(dir, { recursive: true, force: true }));
    const resolver = join(dir, 'resolv.conf');
    await writeFile(resolver, `nameserver ${server.address}\n`);
    // The image's own resolver points nowhere: only the plugin's can answer.
    await writeFile(join(root.path, 'etc/resolv.conf'), 'nameserver 127.0.0.9\n');

    const lookup = stage({ commands: ['nslookup oem.yipts.test > /lookup 2>&1 || true'] });
    const without = await harness(root.path, { ...NO_PARTITIONS, resolvConf: false }).run(lookup);
    assert.ok(without.ok, stepErrors(without));
    assert.not.match(
      await readFile(join(root.path, 'lookup'), 'utf8'),
      '10.20.30.40',
      'control: without the plugin the name does not resolve',
    );
    assert.equal(server.queries, []);

    const h = harness(root.path, { ...NO_PARTITIONS, resolvConf: resolver });
    const result = await h.run(lookup);
    assert.ok(result.ok, stepErrors(result));
    assert.match(await readFile(join(root.path, 'lookup'), 'utf8'), /Address:\s*10\.20\.30\.40/);
    assert.ok(server.queries.includes('oem.yipts.test'));
    assert.is(await readFile(join(root.path, 'etc/resolv.conf'), 'utf8'), 'nameserver 127.0.0.9\n');
  }));

test('no resolver file on the host: a warning, the stage runs', () =>
  withCleanup(async (defer) => {
    const root = await busyboxRoot();
    defer(root.cleanup);
    const h = harness(root.path, { ...NO_PARTITIONS, resolvConf: '/nonexistent/resolv.conf' });
    const result = await h.run(stage({ commands: ['touch /ran'] }));
    assert.ok(result.ok, stepErrors(result));
    assert.ok(existsSync(join(root.path, 'ran')));
    assert.match(h.logger.text('warning'), "cannot read the host's resolver file /nonexistent/resolv.conf");
    assert.not.ok(existsSync(join(root.path, 'etc/resolv.conf')));
  }));

test.run();
