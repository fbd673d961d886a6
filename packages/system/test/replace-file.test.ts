/**
 * replaceFile: atomic replacement, except for a mount point (EBUSY on rename), which is
 * rewritten in place. The mount-point cases bind-mount a temporary file over another in this
 * process's mount namespace and unmount it afterwards (the tests run as root).
 */
import { execFile } from 'node:child_process';
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { replaceFile } from '../src/index.js';
import { tempDirs } from './helpers.js';

const run = promisify(execFile);
const tmp = tempDirs();
test.after(tmp.cleanup);

async function failureOf(promise: Promise<unknown>): Promise<NodeJS.ErrnoException> {
  try {
    await promise;
  } catch (error) {
    return error as NodeJS.ErrnoException;
  }
  throw new Error('expected a rejection');
}

/** Runs `body` with `source` bound over `target`; false when this process may not mount. */
async function withBindMount(source: string, target: string, body: () => Promise<void>): Promise<boolean> {
  try {
    await run('mount', ['--bind', source, target]);
  } catch {
    return false;
  }
  try {
    await body();
  } finally {
    await run('umount', [target]);
  }
  return true;
}

test('a plain file is replaced atomically: a new inode with the mode asked for, no temporary left', async () => {
  for (const root of ['/', await tmp.make('yipts-root-')]) {
    const dir = root === '/' ? await tmp.make() : root;
    const target = join(dir, 'hosts');
    await writeFile(target, 'old\n', { mode: 0o600 });
    const before = await stat(target);
    await replaceFile(root, root === '/' ? target : '/hosts', 'new\n', { mode: 0o644 });
    const after = await stat(target);
    assert.is(await readFile(target, 'utf8'), 'new\n');
    assert.is(after.mode & 0o7777, 0o644);
    assert.is.not(after.ino, before.ino, 'renamed over, not rewritten');
    assert.equal(await readdir(dir), ['hosts']);
  }
});

test('errors other than a mount point pass through, on the host and in a root', async () => {
  for (const root of ['/', await tmp.make('yipts-root-')]) {
    const dir = root === '/' ? await tmp.make() : root;
    await writeFile(join(dir, 'file'), '');
    const path = root === '/' ? join(dir, 'file/hostname') : '/file/hostname';
    assert.is((await failureOf(replaceFile(root, path, 'x\n', {}))).code, 'ENOTDIR');
  }
});

test('on the host, a bind-mounted file is rewritten in place, so the mount source gets the content', async () => {
  const dir = await tmp.make();
  const source = join(dir, 'source');
  const target = join(dir, 'resolv.conf');
  await writeFile(source, 'nameserver 10.9.9.9\n');
  await writeFile(target, '');
  const mounted = await withBindMount(source, target, async () => {
    await replaceFile('/', target, 'nameserver 192.0.2.10\n', { mode: 0o644 });
    assert.is(await readFile(target, 'utf8'), 'nameserver 192.0.2.10\n');
  });
  assert.ok(mounted, 'bind mounts work here (the tests run as root)');
  assert.is(await readFile(source, 'utf8'), 'nameserver 192.0.2.10\n');
  assert.is(await readFile(target, 'utf8'), '', 'the file under the mount was not touched');
  assert.equal((await readdir(dir)).sort(), ['resolv.conf', 'source'], 'no temporary left');
});

test('inside a target root, a bound file (the resolver copy of a chroot stage) is rewritten in place too', async () => {
  const root = await tmp.make('yipts-root-');
  const copy = join(await tmp.make(), 'resolv.conf');
  const target = join(root, 'resolv.conf');
  await writeFile(copy, 'nameserver 10.9.9.9\n');
  await writeFile(target, 'image\n');
  const mounted = await withBindMount(copy, target, async () => {
    await replaceFile(root, `/${relative(root, target)}`, 'nameserver 192.0.2.9\n', { mode: 0o644 });
    assert.is(await readFile(target, 'utf8'), 'nameserver 192.0.2.9\n');
  });
  assert.ok(mounted, 'bind mounts work here (the tests run as root)');
  assert.is(await readFile(copy, 'utf8'), 'nameserver 192.0.2.9\n', 'the bound copy holds the new content');
  assert.is(await readFile(target, 'utf8'), 'image\n', 'the file under the mount is left to whoever mounted the copy');
  assert.equal((await readdir(root)).sort(), ['resolv.conf'], 'no temporary left');
});

test.run();
