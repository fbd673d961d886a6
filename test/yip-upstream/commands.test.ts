// yip's command tests (pkg/plugins/commands_test.go). yip records the command lines; here they run
// for real inside a busybox root and the debug log shows each rendered command and its output.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { busyboxRoot } from '../fixtures/index.js';
import type { TempRoot } from '../fixtures/index.js';
import { removeTempDirs } from '../helpers/tmp.js';
import { runSteps } from './support.js';

const test = suite('yip upstream: commands');
let box: TempRoot;
test.before(async () => {
  box = await busyboxRoot();
});
test.after(async () => {
  await box?.cleanup();
  removeTempDirs();
});

const GO_ARCH: Record<string, string> = { x64: 'amd64', arm64: 'arm64', ia32: '386', arm: 'arm' };

/** The commands that ran, in order, as the debug log names them. */
function commandsRun(stderr: string): string[] {
  return [...stderr.matchAll(/command `([^`]*)` output/g)].map((m) => m[1]!);
}

// commands_test.go, "execute commands"
test('execute commands', async () => {
  const r = await runSteps(box.path, '    - commands: ["echo foo", "echo bar"]\n', { env: { LOGLEVEL: 'debug' } });
  assert.is(r.code, 0, r.stderr);
  assert.equal(commandsRun(r.stderr), ['echo foo', 'echo bar']);
  assert.match(r.stderr, /`echo foo` output:\nfoo\n/);
});

// commands_test.go, "execute templated commands"
test('execute templated commands', async () => {
  const r = await runSteps(box.path, '    - commands: ["echo {{.Values.os.architecture}}", "echo bar"]\n', { env: { LOGLEVEL: 'debug' } });
  assert.is(r.code, 0, r.stderr);
  assert.equal(commandsRun(r.stderr), [`echo ${GO_ARCH[process.arch]}`, 'echo bar']);
});

test.run();
