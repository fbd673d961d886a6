// yip's layout tests (pkg/plugins/layout_test.go) that need no partitioned disk: devices that are
// not found, a label xfs cannot hold, and `script://` device paths that fail. The others need a
// real disk (README of this folder); the layout plugin's own tests partition loop devices.
import { chmodSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { yip } from '../helpers/cli.js';
import type { CliResult } from '../helpers/cli.js';
import { removeTempDirs, tempDir } from '../helpers/tmp.js';

const test = suite('yip upstream: layout without a disk');
test.after.each(removeTempDirs);

/** One layout step adding a 100 MiB partition (or `adds`) on `device`, run on the host. */
async function layout(device: string, adds = '[{pLabel: yipts, size: 100}]'): Promise<CliResult> {
  const cfg = join(tempDir(), 'layout.yaml');
  writeFileSync(cfg, `stages:\n  test:\n    - layout: {device: ${device}, add_partitions: ${adds}}\n`);
  return yip(['-s', 'test', cfg]);
}

function failed(r: CliResult, message: string): void {
  assert.is(r.code, 1, r.stderr);
  assert.match(r.stderr, message);
}

function script(body: string): string {
  const path = join(tempDir(), 'disk.sh');
  writeFileSync(path, `#!/bin/sh\n${body}\n`);
  chmodSync(path, 0o755);
  return path;
}

// layout_test.go, "Fails to find device by path"
test('Fails to find device by path', async () => {
  failed(await layout('{path: /not/existing/device}'), '/not/existing/device');
});

// layout_test.go, "Fails to find device by label"
test('Fails to find device by label', async () => {
  failed(await layout('{label: WEIRDLABELIHOPEITDOESNTEXISTS}'), 'WEIRDLABELIHOPEITDOESNTEXISTS');
});

// layout_test.go, "Fails on an xfs fs with a label longer than 12 chars" (on a disk image file,
// which is left as it was)
test('Fails on an xfs fs with a label longer than 12 chars', async () => {
  const disk = join(tempDir(), 'disk.img');
  writeFileSync(disk, '');
  truncateSync(disk, 2048 << 20);
  failed(await layout(`{path: ${disk}}`, '[{fsLabel: LABEL_TOO_LONG_FOR_XFS, size: 1024, filesystem: xfs}]'), 'longer than 12');
});

// layout_test.go, "Returns error when script:// script exits non-zero"
test('Returns error when script:// script exits non-zero', async () => {
  failed(await layout(`{path: "script://${script("echo 'disk not found' >&2\nexit 1")}"}`), 'disk not found');
});

// layout_test.go, "Returns error when script:// script produces empty output"
test('Returns error when script:// script produces empty output', async () => {
  failed(await layout(`{path: "script://${script('exit 0')}"}`), 'empty');
});

test.run();
