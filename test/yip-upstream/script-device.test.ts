// yip's script device tests (pkg/plugins/script_device_test.go), through a `layout` step of the
// real CLI whose device is a disk image file: the step succeeds only when the path resolves to it.
import { chmodSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { yip } from '../helpers/cli.js';
import type { CliResult } from '../helpers/cli.js';
import { removeTempDirs, tempDir } from '../helpers/tmp.js';

const test = suite('yip upstream: script device');
let dir: string;
let disk: string;
test.before.each(() => {
  dir = tempDir();
  disk = join(dir, 'disk.img');
  writeFileSync(disk, '');
  truncateSync(disk, 64 << 20);
});
test.after.each(removeTempDirs);

function script(name: string, body: string): string {
  const path = join(dir, name);
  writeFileSync(path, `#!/bin/sh\n${body}\n`);
  chmodSync(path, 0o755);
  return path;
}

/** A layout step with nothing to add or expand on `path`: it only has to find the disk. */
async function layoutOn(path: string): Promise<CliResult> {
  const cfg = join(dir, 'layout.yaml');
  writeFileSync(cfg, `stages:\n  test:\n    - layout: {device: {path: "${path}"}}\n`);
  return yip(['-s', 'test', cfg], { env: { LOGLEVEL: 'debug' } });
}

function found(r: CliResult): void {
  assert.is(r.code, 0, r.stderr);
  assert.match(r.stderr, 'nothing to expand');
}

// script_device_test.go, "returns a plain path unchanged"
test('returns a plain path unchanged', async () => {
  found(await layoutOn(disk));
});

// script_device_test.go, "executes the script and returns the trimmed stdout as the device path"
test('executes the script and returns the trimmed stdout as the device path', async () => {
  found(await layoutOn(`script://${script('pick-disk.sh', `echo ${disk}`)}`));
});

// script_device_test.go, "trims leading and trailing whitespace from stdout"
test('trims leading and trailing whitespace from stdout', async () => {
  found(await layoutOn(`script://${script('pick-disk.sh', `printf '  ${disk}  '`)}`));
});

// script_device_test.go, "returns an error when the script exits with a non-zero code"
test('returns an error when the script exits with a non-zero code', async () => {
  const r = await layoutOn(`script://${script('fail.sh', "echo 'something went wrong' >&2\nexit 1")}`);
  assert.is(r.code, 1);
  assert.match(r.stderr, 'something went wrong');
});

// script_device_test.go, "returns an error when the script produces no output"
test('returns an error when the script produces no output', async () => {
  const r = await layoutOn(`script://${script('empty.sh', 'exit 0')}`);
  assert.is(r.code, 1);
  assert.match(r.stderr, 'empty');
});

// script_device_test.go, "returns an error when the script path does not exist"
test('returns an error when the script path does not exist', async () => {
  const r = await layoutOn('script:///nonexistent/pick-disk.sh');
  assert.is(r.code, 1);
  assert.match(r.stderr, '/nonexistent/pick-disk.sh');
});

// script_device_test.go, "passes arguments to the script"
test('passes arguments to the script', async () => {
  found(await layoutOn(`script://${script('with-args.sh', 'echo $1')} ${disk}`));
});

test.run();
