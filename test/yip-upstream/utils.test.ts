// yip's utility tests (pkg/utils/http_test.go, pkg/utils/text_test.go): URL sources, the template
// engine, and `.Random`.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { isUrl } from '@yipts/core';
import { renderTemplate } from '@yipts/template';
import { startHttpServer } from '../fixtures/index.js';
import { yip } from '../helpers/cli.js';
import { removeTempDirs, tempDir, writeTree } from '../helpers/tmp.js';
import { runSteps } from './support.js';

const test = suite('yip upstream: utils');
test.after.each(removeTempDirs);

// http_test.go, "HTTP" / "detect urls": a URL is fetched as a source, a path is read as a file
test('detect urls', async () => {
  assert.ok(isUrl('https://www.google.it'));
  assert.not.ok(isUrl('/foo/bar'));
  const out = join(tempDir(), 'from-url');
  const server = await startHttpServer({ '/config.yaml': `stages:\n  test:\n    - files: [{path: ${out}, content: fetched}]\n` });
  try {
    const fetched = await yip(['-s', 'test', `${server.url}/config.yaml`]);
    assert.is(fetched.code, 0, fetched.stderr);
    assert.is(readFileSync(out, 'utf8'), 'fetched');
    const missing = await yip(['-s', 'test', '/foo/bar']);
    assert.is(missing.code, 1);
    assert.match(missing.stderr, 'no such file or directory');
    assert.equal(server.hits, ['/config.yaml']);
  } finally {
    await server.close();
  }
});

// text_test.go, "templates" / "correctly templates input"
test('correctly templates input', () => {
  assert.is(renderTemplate('foo-{{.}}', 'bar'), 'foo-bar');
  assert.is(renderTemplate('foo-', undefined), 'foo-');
});

// text_test.go, "random" / "Generates strings of the correct length": `.Random` is such a string
// (yip's is 32 characters of [0-9a-z]), new for every run
test('Generates strings of the correct length', async () => {
  const root = writeTree(tempDir(), { 'etc/.keep': '' });
  const random = async () => {
    const r = await runSteps(root, '    - files: [{path: /random, content: "{{.Random}}"}]\n');
    assert.is(r.code, 0, r.stderr);
    return readFileSync(join(root, 'random'), 'utf8');
  };
  const first = await random();
  assert.match(first, /^[0-9a-z]{32}$/);
  assert.is.not(await random(), first);
});

test.run();
