/** Atomic writes: old or new content, never half; mode and owner set; no temporary file left. */
import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { writeFileAtomic } from '../src/index.js';
import { tempDirs } from './helpers.js';

// Ownership needs root: elsewhere these tests show up as skipped in the closing count, never as passed.
const asRoot = process.getuid?.() === 0 ? test : test.skip;

const tmp = tempDirs();
test.after(tmp.cleanup);

test('writes the content with the exact mode, whatever the umask', async () => {
  const dir = await tmp.make();
  const path = join(dir, 'f');
  const old = process.umask(0o077);
  try {
    await writeFileAtomic(path, 'hello', { mode: 0o644 });
  } finally {
    process.umask(old);
  }
  assert.is(await readFile(path, 'utf8'), 'hello');
  assert.is((await stat(path)).mode & 0o7777, 0o644);
  await writeFileAtomic(join(dir, 'zero'), '', { mode: 0 });
  assert.is((await stat(join(dir, 'zero'))).mode & 0o7777, 0);
  await writeFileAtomic(join(dir, 'suid'), '#!/bin/sh\n', { mode: 0o4755 });
  assert.is((await stat(join(dir, 'suid'))).mode & 0o7777, 0o4755);
});

test('replaces an existing file by rename: new inode, new content, no temporary file left', async () => {
  const dir = await tmp.make();
  const path = join(dir, 'conf');
  await writeFile(path, 'old content that is longer than the new one');
  const before = await stat(path);
  await writeFileAtomic(path, 'new', { mode: 0o600 });
  const after = await stat(path);
  assert.is(await readFile(path, 'utf8'), 'new');
  assert.is.not(after.ino, before.ino, 'renamed over, not written in place');
  assert.equal(await readdir(dir), ['conf']);
});

test('binary data is written byte for byte', async () => {
  const dir = await tmp.make();
  const data = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
  await writeFileAtomic(join(dir, 'bin'), data);
  assert.ok((await readFile(join(dir, 'bin'))).equals(data));
});

test('a failed rename leaves no temporary file and the target untouched', async () => {
  const dir = await tmp.make();
  const target = join(dir, 'is-a-dir');
  await mkdir(target);
  await writeFile(join(target, 'inside'), 'keep');
  try {
    await writeFileAtomic(target, 'data');
    assert.unreachable('should fail');
  } catch (e) {
    assert.match((e as NodeJS.ErrnoException).code ?? '', /EISDIR|ENOTEMPTY|EEXIST/);
  }
  assert.equal(await readdir(dir), ['is-a-dir']);
  assert.is(await readFile(join(target, 'inside'), 'utf8'), 'keep');
});

test('a missing directory is an error and creates nothing', async () => {
  const dir = await tmp.make();
  try {
    await writeFileAtomic(join(dir, 'no/such/dir/f'), 'x');
    assert.unreachable('should fail');
  } catch (e) {
    assert.is((e as NodeJS.ErrnoException).code, 'ENOENT');
  }
  assert.equal(await readdir(dir), []);
});

asRoot('a failing chown leaves no temporary file and the old content in place', async () => {
  const dir = await tmp.make();
  const path = join(dir, 'f');
  await writeFile(path, 'old');
  try {
    // 2^32-1 is (uid_t)-1: "no change" to the kernel; one more is out of range for every kernel.
    await writeFileAtomic(path, 'new', { uid: 2 ** 32 });
    assert.unreachable('should fail');
  } catch (e) {
    assert.ok(e instanceof Error);
  }
  assert.is(await readFile(path, 'utf8'), 'old');
  assert.equal(await readdir(dir), ['f']);
});

asRoot('uid and gid are applied', async () => {
  const dir = await tmp.make();
  const path = join(dir, 'owned');
  await writeFileAtomic(path, 'x', { mode: 0o640, uid: 1234, gid: 5678 });
  const info = await stat(path);
  assert.equal([info.uid, info.gid, info.mode & 0o7777], [1234, 5678, 0o640]);
  await writeFileAtomic(path, 'y', { gid: 42 });
  const again = await stat(path);
  assert.equal([again.uid, again.gid], [0, 42], "a new file: uid stays the writer's when only gid is given");
});

test('concurrent writers of one path: the result is one complete version, no temporary file', async () => {
  const dir = await tmp.make();
  const path = join(dir, 'race');
  const versions = Array.from({ length: 20 }, (_, i) => String(i).repeat(50_000));
  await Promise.all(versions.map((v) => writeFileAtomic(path, v)));
  const content = await readFile(path, 'utf8');
  assert.ok(versions.includes(content));
  assert.equal(await readdir(dir), ['race']);
});

test.run();
