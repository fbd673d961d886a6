// yip's file and directory tests (pkg/plugins/files_test.go, pkg/plugins/dir_test.go), through the
// real CLI with `--root`.
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { removeTempDirs, tempDir, writeTree } from '../helpers/tmp.js';
import { stepsSucceed } from './support.js';

const test = suite('yip upstream: files and directories');
test.after.each(removeTempDirs);

const modeOf = (root: string, path: string) => statSync(join(root, path)).mode & 0o7777;

// files_test.go, "creates a /tmp/test/foo file"
test('creates a /tmp/test/foo file', async () => {
  const root = writeTree(tempDir(), { 'tmp/test/bar': 'boo' });
  await stepsSucceed(root, '    - files: [{path: /tmp/test/foo, content: Test, permissions: 0777, owner: 0, group: 0}]\n');
  assert.is(readFileSync(join(root, 'tmp/test/foo'), 'utf8'), 'Test');
  assert.is(modeOf(root, 'tmp/test/foo'), 0o777);
});

// files_test.go, "creates a /testarea/dir/subdir/foo file and its parent directories"
test('creates a /testarea/dir/subdir/foo file and its parent directories', async () => {
  const root = tempDir();
  writeTree(root, { 'testarea/.keep': '' });
  await stepsSucceed(root, '    - files: [{path: /testarea/dir/subdir/foo, content: Test, permissions: 0640, owner: 0, group: 0}]\n');
  assert.is(readFileSync(join(root, 'testarea/dir/subdir/foo'), 'utf8'), 'Test');
  assert.is(modeOf(root, 'testarea/dir/subdir'), 0o740, "parents get the mode with the owner's search bit");
});

// dir_test.go, "Creates a /tmp/dir directory"
test('Creates a /tmp/dir directory', async () => {
  const root = writeTree(tempDir(), { 'tmp/.keep': '' });
  await stepsSucceed(root, '    - directories: [{path: /tmp/dir, permissions: 0740, owner: 0, group: 0}]\n');
  assert.is(modeOf(root, 'tmp/dir'), 0o740);
});

// dir_test.go, "Changes permissions of existing directory /tmp/dir directory"
test('Changes permissions of existing directory /tmp/dir directory', async () => {
  const root = writeTree(tempDir(), { 'tmp/dir/.keep': '' });
  assert.is(modeOf(root, 'tmp/dir'), 0o755);
  await stepsSucceed(root, '    - directories: [{path: /tmp/dir, permissions: 0740, owner: 0, group: 0}]\n');
  assert.is(modeOf(root, 'tmp/dir'), 0o740);
});

// dir_test.go, "Creates /tmp/dir/subdir1/subdir2 directory and its missing parent dirs"
test('Creates /tmp/dir/subdir1/subdir2 directory and its missing parent dirs', async () => {
  const root = writeTree(tempDir(), { 'tmp/.keep': '' });
  await stepsSucceed(root, '    - directories: [{path: /tmp/dir/subdir1/subdir2, permissions: 0740, owner: 0, group: 0}]\n');
  assert.is(modeOf(root, 'tmp'), 0o755, 'an existing parent keeps its mode');
  assert.is(modeOf(root, 'tmp/dir/subdir1/subdir2'), 0o740);
});

test.run();
