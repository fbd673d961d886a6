// yip's download tests (pkg/plugins/download_test.go), from a loopback HTTP server, through the
// real CLI with `--root`.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { startHttpServer } from '../fixtures/index.js';
import type { TestHttpServer } from '../fixtures/index.js';
import { removeTempDirs, tempDir, writeTree } from '../helpers/tmp.js';
import { runSteps } from './support.js';

const test = suite('yip upstream: downloads');
let server: TestHttpServer;
test.before(async () => {
  server = await startHttpServer({ '/unittest.txt': 'test' });
});
test.after(async () => {
  await server?.close();
});
test.after.each(removeTempDirs);

const download = (path: string) =>
  `    - downloads: [{path: ${path}, url: "${server.url}/unittest.txt", permissions: 0777, owner: 0, group: 0}]\n`;

// download_test.go, "downloads correctly in the specified location"
test('downloads correctly in the specified location', async () => {
  const root = writeTree(tempDir(), { 'tmp/test/bar': 'boo' });
  const r = await runSteps(root, download('/tmp/test/foo'));
  assert.is(r.code, 0, r.stderr);
  assert.is(readFileSync(join(root, 'tmp/test/foo'), 'utf8'), 'test');
});

// download_test.go, "downloads correctly in the specified full path": a directory takes the URL's file name
test('downloads correctly in the specified full path', async () => {
  const root = writeTree(tempDir(), { 'tmp/test/bar': 'boo' });
  const r = await runSteps(root, download('/tmp/test/'));
  assert.is(r.code, 0, r.stderr);
  assert.is(readFileSync(join(root, 'tmp/test/unittest.txt'), 'utf8'), 'test');
});

test.run();
