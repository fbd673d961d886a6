import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { resolveScriptDevice } from '../src/script-device.js';

const test = suite('layout: script:// device paths');
let dir: string;
test.before(() => {
  dir = mkdtempSync(join(tmpdir(), 'yipts-script-device-'));
});
test.after(() => rmSync(dir, { recursive: true, force: true }));

function script(name: string, body: string): string {
  const path = join(dir, name);
  writeFileSync(path, `#!/bin/sh\n${body}\n`);
  chmodSync(path, 0o755);
  return path;
}

/** The message the promise is rejected with; fails the test when it resolves. */
async function rejection(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    return (error as Error).message;
  }
  assert.unreachable('resolved');
  return '';
}

test('a path without the scheme is returned as written, nothing run', async () => {
  assert.is(await resolveScriptDevice('/dev/sda'), '/dev/sda');
});

test('the program output, trimmed, is the device; the words after it are its arguments', async () => {
  assert.is(await resolveScriptDevice(`script://${script('pick.sh', "printf '  /dev/vda  '")}`), '/dev/vda');
  assert.is(await resolveScriptDevice(`script://${script('args.sh', 'echo "$1"')} /dev/nvme0n1`), '/dev/nvme0n1');
});

test('a failing program is an error with its output; so are an empty output and a missing program', async () => {
  const fail = script('fail.sh', "echo 'something went wrong' >&2; exit 1");
  assert.match(await rejection(resolveScriptDevice(`script://${fail}`)), /exited with status 1; output:\n\s*something went wrong/);
  assert.match(await rejection(resolveScriptDevice(`script://${script('empty.sh', 'exit 0')}`)), 'empty device path');
  assert.match(await rejection(resolveScriptDevice('script:///nonexistent/pick-disk.sh')), 'pick-disk.sh');
  assert.match(await rejection(resolveScriptDevice('script://  ')), 'no program');
});

test.run();
