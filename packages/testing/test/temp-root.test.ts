/** tempRoot and filesUnder: real directories, real modes, real mounts. */
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readlink, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { pathExists } from '@yipts/test-fixtures';
import { filesUnder, mountsUnder, tempRoot, writeTree } from '../src/index.js';

test('tempRoot makes a 0755 directory holding the tree with the modes asked, and cleanup removes it', async () => {
  const root = await tempRoot({
    '/etc/os-release': 'ID=test\n',
    'etc/secret': { content: 'x', mode: 0o600 },
    'usr/bin/tool': { content: '#!/bin/sh\n', mode: 0o755 },
    'var/lib/data.bin': new Uint8Array([0, 1, 2]),
    'etc/alt': { symlink: '/etc/os-release' },
    'srv/empty': { directory: true, mode: 0o700 },
  });
  try {
    assert.is((await stat(root.path)).mode & 0o7777, 0o755);
    assert.is((await stat(join(root.path, 'etc/os-release'))).mode & 0o7777, 0o644);
    assert.is((await stat(join(root.path, 'etc/secret'))).mode & 0o7777, 0o600);
    assert.is((await stat(join(root.path, 'usr/bin/tool'))).mode & 0o7777, 0o755);
    assert.is((await stat(join(root.path, 'srv/empty'))).mode & 0o7777, 0o700);
    assert.is(await readlink(join(root.path, 'etc/alt')), '/etc/os-release');
    // An absolute link is followed inside the root, as a chroot would, not on the host.
    assert.is(await root.resolve('/etc/alt'), join(root.path, 'etc/os-release'));
    assert.is(await root.read('/etc/alt'), 'ID=test\n');
    await root.write({ 'etc/later': 'added' });
    assert.is(await root.read('etc/later'), 'added');
  } finally {
    await root.cleanup();
  }
  assert.not.ok(await pathExists(root.path));
  await root.cleanup(); // twice is fine
});

test('a tree path that climbs out of the root is refused, and the half-made root is removed', async () => {
  const before = await tempDirsNamed('yipts-test-escape-');
  try {
    await tempRoot({ '../outside': 'x' }, { prefix: 'yipts-test-escape-' });
    assert.unreachable('a path with .. was accepted');
  } catch (error) {
    assert.match((error as Error).message, /`\.\.\/outside` must name something inside the root/);
  }
  assert.equal(await tempDirsNamed('yipts-test-escape-'), before);
  const base = await mkdtemp(join(tmpdir(), 'yipts-test-tree-'));
  try {
    const error = await writeTree(base, { 'a/../../b': 'x' }).then(
      () => undefined,
      (e: Error) => e,
    );
    assert.match(error?.message ?? 'no error', /inside the root/);
  } finally {
    await rm(base, { recursive: true, force: true });
  }
});

test('cleanup refuses to delete through a mount point, and says which', async () => {
  const root = await tempRoot({ 'mnt/data/keep': 'on the mounted filesystem' });
  const mountpoint = join(root.path, 'mnt/data');
  execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'yipts-testing', mountpoint]);
  try {
    await writeFile(join(mountpoint, 'inside-mount'), 'x');
    assert.equal(await mountsUnder(root.path), [mountpoint]);
    try {
      await root.cleanup();
      assert.unreachable('cleanup removed a root with a mount below it');
    } catch (error) {
      assert.match((error as Error).message, `still mounted below it: ${mountpoint}`);
    }
    assert.ok(await pathExists(join(mountpoint, 'inside-mount')));
  } finally {
    execFileSync('umount', [mountpoint]);
  }
  assert.equal(await mountsUnder(root.path), []);
  await root.cleanup();
  assert.not.ok(await pathExists(root.path));
});

test('filesUnder lists regular files by relative path in byte order, with mode and text, never following links', async () => {
  const outside = await mkdtemp(join(tmpdir(), 'yipts-test-outside-'));
  await writeFile(join(outside, 'host-file'), 'host data');
  const root = await tempRoot({
    'b/z.conf': { content: 'z', mode: 0o640 },
    'B/upper': 'upper first in byte order',
    'a.txt': 'a',
    'etc/host-link': { symlink: join(outside, 'host-file') },
    'etc/dir-link': { symlink: outside },
    'opt/empty': { directory: true },
  });
  try {
    await mkdir(join(root.path, 'opt/nested/deeper'), { recursive: true });
    await writeFile(join(root.path, 'opt/nested/deeper/f'), 'deep');
    const files = await filesUnder(root.path);
    assert.equal(Object.keys(files), ['B/upper', 'a.txt', 'b/z.conf', 'opt/nested/deeper/f']);
    assert.equal(files['b/z.conf'], { mode: 0o640, content: 'z' });
    assert.equal(files['opt/nested/deeper/f'], { mode: 0o644, content: 'deep' });
  } finally {
    await root.cleanup();
    await rm(outside, { recursive: true, force: true });
  }
});

async function tempDirsNamed(prefix: string): Promise<string[]> {
  return (await readdir(tmpdir())).filter((n) => n.startsWith(prefix)).sort();
}

test.run();
