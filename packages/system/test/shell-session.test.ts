/** One shell per step: each command still behaves as its own `sh -c`. */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { suiteBusyboxRoot } from '@yipts/test-fixtures';
import { describeFailure, ShellSession, shellQuote } from '../src/index.js';
import { tempDirs } from './helpers.js';

const tmp = tempDirs();
const boxRoot = suiteBusyboxRoot(test, () => tmp.cleanup());

async function withSession<T>(
  fn: (s: ShellSession) => Promise<T>,
  root = '/',
  env: Record<string, string> = { PATH: process.env.PATH ?? '' },
): Promise<T> {
  const session = new ShellSession({ root, env });
  try {
    return await fn(session);
  } finally {
    await session.close();
  }
}

test('shellQuote makes any text one literal word', () => {
  assert.is(shellQuote(`it's $HOME "x"`), `'it'\\''s $HOME "x"'`);
  assert.is(shellQuote(''), `''`);
});

test('status and output (stdout and stderr together, in order) of each command', async () => {
  await withSession(async (s) => {
    const a = await s.run('echo one; echo two >&2; echo three');
    assert.equal([a.exitCode, a.output, a.timedOut], [0, 'one\ntwo\nthree\n', false]);
    const b = await s.run('printf no-newline; exit 7');
    assert.equal([b.exitCode, b.output], [7, 'no-newline']);
    assert.is(b.command, 'printf no-newline; exit 7');
  });
});

test('each command runs alone: cd, variables, set -e, traps and exit stay inside it', async () => {
  await withSession(async (s) => {
    await s.run('cd /tmp; export LEAK=1; X=2; set -e; trap "echo trapped" EXIT; exit 0');
    const r = await s.run('pwd; echo "[${LEAK-}][${X-}]"; false; echo after-false');
    assert.is(r.output.split('\n')[1], '[][]');
    assert.match(r.output, 'after-false', 'set -e did not leak');
    assert.not.match(r.output, 'trapped');
    assert.is.not(r.output.split('\n')[0], '/tmp');
  });
});

test('a syntax error fails that command only; the session goes on', async () => {
  await withSession(async (s) => {
    const bad = await s.run('if then fi');
    assert.is.not(bad.exitCode, 0);
    assert.match(bad.output, 'Syntax error');
    const next = await s.run('echo fine');
    assert.equal([next.exitCode, next.output], [0, 'fine\n']);
  });
});

test('quotes, here-documents and multi-line scripts arrive exactly as written', async () => {
  await withSession(async (s) => {
    const text = `cat <<'EOF'\nit's "$NOT_EXPANDED" \\n \`x\`\nEOF\nprintf '%s|' 'a b' "c'd"`;
    const r = await s.run(text);
    assert.is(r.output, `it's "$NOT_EXPANDED" \\n \`x\`\na b|c'd|`);
  });
});

test('commands get no standard input: cat and read return at once', async () => {
  await withSession(async (s) => {
    const started = performance.now();
    const r = await s.run('cat; read line || echo eof');
    assert.is(r.output, 'eof\n');
    assert.ok(performance.now() - started < 5000);
    assert.is((await s.run('echo still the same session')).exitCode, 0);
  });
});

test('output that looks like the protocol does not confuse it', async () => {
  await withSession(async (s) => {
    const r = await s.run(`printf '\\036yipts-0000000000000000 0\\n'; echo real; exit 4`);
    assert.is(r.exitCode, 4);
    assert.match(r.output, 'real');
  });
});

test('a timeout kills the command and what it started; the next command runs in a new shell', async () => {
  await withSession(async (s) => {
    const started = performance.now();
    const r = await s.run('echo started; sleep 30 & sleep 30; echo never', { timeoutMs: 300 });
    assert.ok(performance.now() - started < 8000);
    assert.ok(r.timedOut);
    assert.match(r.output, 'started');
    assert.match(describeFailure(r), 'timed out');
    const next = await s.run('echo next');
    assert.equal([next.exitCode, next.output], [0, 'next\n']);
  });
});

test('an abort stops the running command; an aborted signal runs nothing', async () => {
  const dir = await tmp.make();
  await withSession(async (s) => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 200);
    const started = performance.now();
    const r = await s.run('sleep 30', { signal: controller.signal });
    assert.ok(performance.now() - started < 8000);
    assert.is.not(r.exitCode, 0);
    const skipped = await s.run(`touch ${dir}/ran`, { signal: controller.signal });
    assert.is.not(skipped.exitCode, 0);
    assert.not.ok(existsSync(join(dir, 'ran')));
  });
});

test('a command left in the background does not hold the command up', async () => {
  await withSession(async (s) => {
    const started = performance.now();
    // The background job keeps the output pipe open, as a daemon started by a command would.
    const r = await s.run('sleep 3 & echo spawned');
    assert.is(r.output, 'spawned\n');
    assert.is((await s.run('echo next')).output, 'next\n');
    assert.ok(performance.now() - started < 2500, 'did not wait for the background job');
  });
});

test('after close, a background job that keeps the output pipe open does not keep this process alive', async () => {
  const pipes = () => process.getActiveResourcesInfo().filter((r) => r === 'PipeWrap').length;
  const before = pipes();
  const s = new ShellSession({ root: '/', env: { PATH: process.env.PATH ?? '' } });
  await s.run('sleep 3 & echo spawned');
  await s.close();
  for (let i = 0; i < 20 && pipes() > before; i++) await new Promise((r) => setTimeout(r, 10));
  // At most as many as before: pipes of earlier tests' processes may close meanwhile.
  assert.ok(pipes() <= before, `${pipes()} pipes open, ${before} before the session`);
});

test('one command at a time per session', async () => {
  await withSession(async (s) => {
    const first = s.run('sleep 0.2');
    assert.throws(() => s.run('echo second'), /already running/);
    await first;
  });
});

test("in a root, the session is chrooted: the root's files, standard PATH, writes inside the root", async () => {
  const root = boxRoot();
  const marker = `/tmp/yipts-session-${process.pid}`;
  await withSession(
    async (s) => {
      const r = await s.run(`. /etc/os-release; echo "$PRETTY_NAME|$PATH|$HOME"; echo x > ${marker}`);
      assert.is(r.exitCode, 0, r.output);
      assert.is(r.output, 'yipts busybox test root|/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin|/root\n');
      const noStdin = await s.run('cat; echo ok');
      assert.is(noStdin.output, 'ok\n', 'stdin is /dev/null even without /dev in the root');
    },
    root,
    { PATH: '/host/path' },
  );
  assert.is(await readFile(join(root, marker), 'utf8'), 'x\n');
  assert.not.ok(existsSync(marker));
});

test('a root without a shell is a failed command with a message, not a hang', async () => {
  const empty = await tmp.make();
  await withSession(async (s) => {
    const r = await s.run('echo hi', { timeoutMs: 5000 });
    assert.is.not(r.exitCode, 0);
    assert.not.ok(r.timedOut);
  }, empty);
});

test.run();
