/** tempDirs: every directory a suite made is gone after cleanup, whatever it holds. */
import { lstat, mkdir, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { tempDirs } from '../src/index.js';

const exists = (p: string) =>
  lstat(p).then(
    () => true,
    () => false,
  );

test('make gives distinct empty directories named by the prefix; cleanup removes them all', async () => {
  const dirs = tempDirs('yipts-dirs-test-');
  const a = await dirs.make();
  const b = await dirs.make('yipts-other-');
  assert.is.not(a, b);
  assert.ok(basename(a).startsWith('yipts-dirs-test-'), a);
  assert.ok(basename(b).startsWith('yipts-other-'), b);
  await mkdir(join(a, 'deep/er'), { recursive: true });
  await writeFile(join(a, 'deep/er/file'), 'x');
  await dirs.cleanup();
  assert.equal([await exists(a), await exists(b)], [false, false]);
  // A second cleanup has nothing left to do and does not fail.
  await dirs.cleanup();
});

test.run();
