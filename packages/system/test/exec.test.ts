/** Commands: on the host or chrooted into a root, output captured, timeouts and aborts that kill. */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { busyboxRoot } from '@yipts/test-fixtures';
import type { TempRoot } from '@yipts/test-fixtures';
import { describeFailure, execArgv, execShell, rootEnv, STANDARD_PATH } from '../src/index.js';
import type { ExecResult } from '../src/index.js';

let box: TempRoot | undefined;
test.before(async () => {
  box = await busyboxRoot();
});
test.after(async () => {
  await box?.cleanup();
});

const HOST = { root: '/', env: { PATH: process.env.PATH } };

test('exit status, stdout, stderr and the interleaved output are captured', async () => {
  const r = await execShell('echo out; echo err >&2; echo out2; exit 3', HOST);
  assert.is(r.exitCode, 3);
  assert.is(r.stdout, 'out\nout2\n');
  assert.is(r.stderr, 'err\n');
  // Two pipes: the interleaving is as the lines arrived, which the kernel does not order exactly.
  assert.equal(r.output.split('\n').sort(), ['', 'err', 'out', 'out2']);
  assert.ok(r.output.indexOf('out\n') < r.output.indexOf('out2'));
  assert.not.ok(r.timedOut);
  assert.is(r.command, 'echo out; echo err >&2; echo out2; exit 3');
});

test('the environment is exactly the one given (plus a PATH when missing)', async () => {
  const r = await execShell('echo "$A|$PATH|${HOME-unset}"', { root: '/', env: { A: 'x y', B: undefined } });
  assert.is(r.stdout, `x y|${STANDARD_PATH}|unset\n`);
});

test('nothing waits on standard input; input can be given', async () => {
  const started = performance.now();
  const r = await execShell('cat; echo done', HOST);
  assert.is(r.stdout, 'done\n');
  assert.ok(performance.now() - started < 5000);
  const fed = await execArgv(['tr', 'a-z', 'A-Z'], { ...HOST, input: 'hello' });
  assert.is(fed.stdout, 'HELLO');
});

test('execArgv passes arguments without a shell', async () => {
  const r = await execArgv(['printf', '%s|', 'a b', '$HOME', ';true'], HOST);
  assert.is(r.stdout, 'a b|$HOME|;true|');
  const missing = await execArgv(['/no/such/program'], HOST);
  assert.is.not(missing.exitCode, 0);
});

test('a timeout kills the command, also when a child holds the output open', async () => {
  for (const script of ['sleep 30', 'sleep 30; echo never', 'sleep 30 & sleep 30; wait']) {
    const started = performance.now();
    const r = await execShell(script, { ...HOST, timeoutMs: 300 });
    const elapsed = performance.now() - started;
    assert.ok(r.timedOut, script);
    assert.is.not(r.exitCode, 0, script);
    assert.ok(elapsed < 8000, `${script}: took ${Math.round(elapsed)} ms`);
    assert.match(describeFailure(r), 'timed out');
  }
});

test('an abort signal stops the command', async () => {
  const controller = new AbortController();
  setTimeout(() => controller.abort(), 200);
  const started = performance.now();
  const r = await execShell('sleep 30', { ...HOST, signal: controller.signal });
  assert.ok(performance.now() - started < 8000);
  assert.is.not(r.exitCode, 0);
});

test('a command killed by a signal says so', async () => {
  const r = await execShell('kill -KILL $$', HOST);
  assert.is(r.signal, 'SIGKILL');
  assert.is.not(r.exitCode, 0);
  assert.match(describeFailure(r), 'killed by SIGKILL');
});

test("in a root other than /, the command runs chrooted: it sees the root's files and writes inside it", async () => {
  const root = box!.path;
  const r = await execShell('. /etc/os-release; echo "$PRETTY_NAME"; echo "$PATH"; echo "$HOME"; echo made > /tmp/yipts-exec-probe; pwd', {
    root,
    env: { PWD: '/somewhere', TERM: 'dumb' },
  });
  assert.is(r.exitCode, 0, r.output);
  assert.is(r.stdout, `yipts busybox test root\n${STANDARD_PATH}\n/root\nmade\n/\n`.replace('made\n', ''));
  assert.is(await readFile(join(root, 'tmp/yipts-exec-probe'), 'utf8'), 'made\n');
  assert.not.ok(existsSync('/tmp/yipts-exec-probe'), 'nothing written on the host');
});

test("in a root, a missing program is a failure with the shell's message", async () => {
  const r = await execShell('zypper in -y vim', { root: box!.path, env: {} });
  assert.is(r.exitCode, 127);
  assert.match(r.output, 'zypper');
  assert.match(describeFailure(r), 'exited with status 127');
});

test("rootEnv: the host keeps the caller's PATH; a root gets the standard PATH and HOME, no PWD", () => {
  assert.equal(rootEnv('/', { PATH: '/x', U: undefined, V: 'v' }), { PATH: '/x', V: 'v' });
  assert.equal(rootEnv('/', {}), { PATH: STANDARD_PATH });
  assert.equal(rootEnv('/tmp/r', { PATH: '/x', PWD: '/p', OLDPWD: '/o', V: 'v' }), { PATH: STANDARD_PATH, V: 'v', HOME: '/root' });
});

test('describeFailure: the status and the output, indented, last 40 lines only', () => {
  const base: ExecResult = { exitCode: 2, stdout: '', stderr: '', output: '', timedOut: false, signal: undefined, command: 'x' };
  assert.is(describeFailure(base), 'exited with status 2');
  assert.is(describeFailure({ ...base, output: 'line1\nline2\n' }), 'exited with status 2; output:\n  line1\n  line2');
  const long = Array.from({ length: 100 }, (_, i) => `l${i}`).join('\n');
  const text = describeFailure({ ...base, output: long });
  assert.match(text, '  …\n  l60\n');
  assert.match(text, '  l99');
  assert.not.match(text, 'l59\n');
});

test.run();
