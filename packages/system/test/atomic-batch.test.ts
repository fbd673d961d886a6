/** Many atomic writes committed together: each file old or new, in order, nothing left behind. */
import { mkdir, readdir, readFile, stat, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { AtomicWriteBatch } from '../src/index.js';
import { tempDirs } from './helpers.js';

// Ownership needs root: elsewhere these tests show up as skipped in the closing count, never as passed.
const asRoot = process.getuid?.() === 0 ? test : test.skip;

const tmp = tempDirs();
test.after(tmp.cleanup);

test('staged files appear only at commit, with their mode, replacing the old ones', async () => {
  const dir = await tmp.make();
  await writeFile(join(dir, 'a'), 'old a');
  const batch = new AtomicWriteBatch<string>();
  batch.stage(join(dir, 'a'), 'new a', { mode: 0o600 }, 'a');
  batch.stage(join(dir, 'b'), Buffer.from([0, 1, 2]), { mode: 0o755 }, 'b');
  assert.is(batch.size, 2);
  assert.is(await readFile(join(dir, 'a'), 'utf8'), 'old a', 'nothing visible before commit');
  assert.is((await readdir(dir)).length, 3, 'a and two temporary files');
  assert.equal(await batch.commit(), []);
  assert.is(batch.size, 0);
  assert.is(await readFile(join(dir, 'a'), 'utf8'), 'new a');
  assert.ok((await readFile(join(dir, 'b'))).equals(Buffer.from([0, 1, 2])));
  assert.is((await stat(join(dir, 'a'))).mode & 0o7777, 0o600);
  assert.is((await stat(join(dir, 'b'))).mode & 0o7777, 0o755);
  assert.equal((await readdir(dir)).sort(), ['a', 'b']);
});

test('the same path staged twice: the last one wins, as writes in order would', async () => {
  const dir = await tmp.make();
  const batch = new AtomicWriteBatch();
  batch.stage(join(dir, 'f'), 'first');
  batch.stage(join(dir, 'f'), 'second');
  assert.equal(await batch.commit(), []);
  assert.is(await readFile(join(dir, 'f'), 'utf8'), 'second');
  assert.equal(await readdir(dir), ['f']);
});

test('staging into a missing directory throws and leaves nothing', async () => {
  const dir = await tmp.make();
  const batch = new AtomicWriteBatch();
  assert.throws(() => batch.stage(join(dir, 'missing/f'), 'x'), /ENOENT/);
  assert.is(batch.size, 0);
  assert.equal(await readdir(dir), []);
});

asRoot('a staging failure after the temporary file exists removes it', async () => {
  const dir = await tmp.make();
  const batch = new AtomicWriteBatch();
  assert.throws(() => batch.stage(join(dir, 'f'), 'x', { uid: 2 ** 32 }));
  assert.equal(await readdir(dir), []);
});

test('a rename that fails is reported with its key; the other files are committed; no temporary file stays', async () => {
  const dir = await tmp.make();
  await mkdir(join(dir, 'is-dir'));
  await writeFile(join(dir, 'is-dir/keep'), 'k');
  const batch = new AtomicWriteBatch<string>();
  batch.stage(join(dir, 'one'), '1', {}, 'one');
  batch.stage(join(dir, 'is-dir'), 'x', {}, 'the dir');
  batch.stage(join(dir, 'two'), '2', {}, 'two');
  const failures = await batch.commit();
  assert.equal(
    failures.map((f) => [f.key, f.target]),
    [['the dir', join(dir, 'is-dir')]],
  );
  assert.instance(failures[0]!.error, Error);
  assert.is(await readFile(join(dir, 'one'), 'utf8'), '1');
  assert.is(await readFile(join(dir, 'two'), 'utf8'), '2');
  assert.equal((await readdir(dir)).sort(), ['is-dir', 'one', 'two']);
});

test('a temporary file that vanished before commit fails the whole batch: nothing renamed, nothing left behind', async () => {
  const dir = await tmp.make();
  const batch = new AtomicWriteBatch<string>();
  batch.stage(join(dir, 'a'), 'a', {}, 'a');
  batch.stage(join(dir, 'b'), 'b', {}, 'b');
  const temp = (await readdir(dir)).find((n) => n.startsWith('.a.'))!;
  await unlink(join(dir, temp));
  const failures = await batch.commit();
  assert.equal(
    failures.map((f) => f.key),
    ['a', 'b'],
    'every entry of the failed flush is reported',
  );
  assert.match(failures[0]!.error.message, 'ENOENT');
  assert.equal(await readdir(dir), [], 'nothing renamed, no temporary file left');
});

test('abort removes every staged temporary file', async () => {
  const dir = await tmp.make();
  const batch = new AtomicWriteBatch();
  batch.stage(join(dir, 'a'), 'a');
  batch.stage(join(dir, 'b'), 'b');
  batch.abort();
  assert.is(batch.size, 0);
  assert.equal(await readdir(dir), []);
  assert.equal(await batch.commit(), []);
});

test.run();
