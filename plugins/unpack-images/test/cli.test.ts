import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { yip } from '@yipts/test-fixtures/cli';
import { buildLayer } from './support/tar-build.js';
import { pushImage, startRegistry } from './support/registry.js';
import type { TestRegistry } from './support/registry.js';
import { config } from './support/run-stage.js';

let reg: TestRegistry;
let dir: string;

test.before(async () => {
  reg = await startRegistry();
  pushImage(reg, 'tools', ['v1'], [buildLayer([{ name: 'usr/local/bin/hello', content: '#!/bin/sh\necho hi\n', mode: 0o755 }])]);
  dir = await mkdtemp(join(tmpdir(), 'yipts-unpack-cli-'));
});

test.after(async () => {
  await reg.close();
  await rm(dir, { recursive: true, force: true });
});

test('the yip command line unpacks an image into --root; a missing image fails the run (exit 1)', async () => {
  const root = join(dir, 'root');
  await mkdir(root);
  const file = join(dir, 'unpack.yaml');
  await writeFile(
    file,
    config([{ source: `${reg.host}/tools:v1`, target: '/opt/tools' }], [{ source: `${reg.host}/tools:v2`, target: '/opt/v2' }]),
  );
  const run = await yip(['--root', root, '-s', 'test', file]);
  assert.is(run.code, 1, run.stderr);
  assert.is(await readFile(join(root, 'opt/tools/usr/local/bin/hello'), 'utf8').catch(() => run.stderr), '#!/bin/sh\necho hi\n');
  assert.match(run.stdout + run.stderr, /unpack image 127\.0\.0\.1:\d+\/tools:v2 into \/opt\/v2: manifest v2: 404/);
});

test.run();
