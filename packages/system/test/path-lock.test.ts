/** withPathLock: work on one path runs one at a time, in order; other paths are not held up. */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { rejectionOf } from '@yipts/test-fixtures';
import { withPathLock } from '../src/index.js';
import { tempDirs } from './helpers.js';

const tmp = tempDirs();
test.after(tmp.cleanup);

/** A read-modify-write that yields between the read and the write, as real edits do. */
async function appendLine(path: string, line: string): Promise<void> {
  const current = await readFile(path, 'utf8');
  await sleep(5);
  await writeFile(path, `${current}${line}\n`);
}

test('concurrent edits of one file all land', async () => {
  const file = join(await tmp.make(), 'environment');
  await writeFile(file, '');
  await Promise.all(['A=1', 'B=2', 'C=3'].map((line) => withPathLock(file, () => appendLine(file, line))));
  assert.is(await readFile(file, 'utf8'), 'A=1\nB=2\nC=3\n', 'in the order asked for, none lost');
});

test('the result of the work is returned; a failure reaches its caller and does not stop the next', async () => {
  const file = join(await tmp.make(), 'f');
  await writeFile(file, '');
  const failing = withPathLock(file, async () => {
    await appendLine(file, 'first');
    throw new Error('boom');
  });
  const next = withPathLock(file, async () => {
    await appendLine(file, 'second');
    return 42;
  });
  assert.match((await rejectionOf(failing)).message, 'boom');
  assert.is(await next, 42);
  assert.is(await readFile(file, 'utf8'), 'first\nsecond\n');
});

test('spellings of one path share a queue', async () => {
  const dir = await tmp.make();
  const file = join(dir, 'hosts');
  await writeFile(file, '');
  await Promise.all([
    withPathLock(file, () => appendLine(file, 'one')),
    withPathLock(`${dir}//./hosts`, () => appendLine(file, 'two')),
    withPathLock(`${dir}/sub/../hosts`, () => appendLine(file, 'three')),
  ]);
  assert.is(await readFile(file, 'utf8'), 'one\ntwo\nthree\n');
});

test('work on another path runs while a path is held', async () => {
  const dir = await tmp.make();
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  // The first lock is held until work on the second path has run: were the second path
  // queued behind the first, neither would ever finish.
  const first = withPathLock(join(dir, 'a'), () => held);
  const second = withPathLock(join(dir, 'b'), async () => release());
  const timeout = sleep(2000, 'stuck', { ref: false });
  assert.is(await Promise.race([Promise.all([first, second]).then(() => 'done'), timeout]), 'done');
});

test('a path is free again once its queue has drained', async () => {
  const file = join(await tmp.make(), 'f');
  await withPathLock(file, async () => undefined);
  assert.match((await rejectionOf(withPathLock(file, () => Promise.reject(new Error('once'))))).message, 'once');
  assert.is(await withPathLock(file, async () => 'again'), 'again');
});

test.run();
