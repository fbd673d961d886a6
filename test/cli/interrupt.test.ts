/**
 * Interrupting the real CLI during a large `files` step: SIGINT and SIGTERM stop it within a
 * second and leave no temporary file; SIGKILL leaves temporaries, which the next run removes,
 * and no file is ever half-written.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { CLI, ensureBuilt, yip } from '../helpers/cli.js';
import { removeTempDirs, tempDir } from '../helpers/tmp.js';

const FILES = 2000;
const content = (i: number) => `file ${i} `.repeat(400);

const s = suite('interrupting a files step');
s.after.each(removeTempDirs);

function bigStep(out: string): string {
  const dir = tempDir();
  const lines = ['stages:', '  default:', '    - name: many', '      files:'];
  for (let i = 0; i < FILES; i++) lines.push(`        - path: ${out}/f${i}.txt`, `          content: "${content(i)}"`);
  writeFileSync(join(dir, 'many.yaml'), `${lines.join('\n')}\n`);
  return join(dir, 'many.yaml');
}

function start(config: string, args: readonly string[] = []): ChildProcess {
  ensureBuilt();
  // NODE_OPTIONS of the test runner (source conditions) must not leak into the CLI under test.
  const env: NodeJS.ProcessEnv = { ...process.env, LOGLEVEL: 'error', NO_COLOR: '1' };
  delete env.NODE_OPTIONS;
  return spawn(process.execPath, [CLI, ...args, config], { env, stdio: ['ignore', 'ignore', 'pipe'] });
}

const temporaries = (dir: string) => readdirSync(dir).filter((n) => n.includes('.yipts-'));
const written = (dir: string) => readdirSync(dir).filter((n) => /^f\d+\.txt$/.test(n));

/** Resolves when `dir` holds temporary files, i.e. the step is staging. */
async function untilStaging(dir: string, child: ChildProcess): Promise<void> {
  for (let i = 0; i < 2000; i++) {
    if (child.exitCode !== null) throw new Error('the run ended before it staged anything');
    try {
      if (temporaries(dir).length > 0) return;
    } catch {
      // the directory is not made yet
    }
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error('the step never staged a file');
}

function exited(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
}

/** Every file written is whole. */
function assertWhole(out: string): void {
  for (const name of written(out)) assert.is(readFileSync(join(out, name), 'utf8'), content(Number(/\d+/.exec(name)![0])), name);
}

const STOPS: ReadonlyArray<[NodeJS.Signals, number]> = [
  ['SIGTERM', 143],
  ['SIGINT', 130],
];
for (const [signal, exitCode] of STOPS) {
  s(`${signal} stops the step within a second, with no temporary file left`, async () => {
    const out = join(tempDir(), 'out');
    const child = start(bigStep(out));
    let stderr = '';
    child.stderr!.on('data', (c) => (stderr += c));
    const done = exited(child);
    await untilStaging(out, child);
    const sent = performance.now();
    child.kill(signal);
    const { code } = await done;
    const ms = performance.now() - sent;
    assert.ok(ms < 1000, `stopped ${Math.round(ms)} ms after the signal`);
    assert.is(code, exitCode);
    assert.match(stderr, /interrupted: \d+ of 2000 file\(s\) not written/);
    assert.equal(temporaries(out), []);
    assert.ok(written(out).length < FILES, 'the step did not run to its end');
    assertWhole(out);
    kills++;
  });
}

/** Runs killed, each checked for partial files and left temporaries (printed for test/hardening/README.md). */
let kills = 0;
s.after(() => console.log(`kills: ${kills} runs stopped or killed during large writes, 0 partial, 0 temporaries after the next run`));

// With --root the run is isolated in its own pid namespace (as root): it is pid 1 there, as is
// the next run, which must still tell the killed run's temporaries from its own.
const KILLED_RUNS: ReadonlyArray<[string, boolean]> = [
  ['on the host', false],
  ['with --root', true],
];

for (const [where, inRoot] of KILLED_RUNS) {
  s(`after SIGKILL ${where} the next run removes the temporaries of the killed one and writes every file whole`, async () => {
    const root = tempDir();
    const out = inRoot ? join(root, 'out') : join(tempDir(), 'out');
    const config = bigStep(inRoot ? '/out' : out);
    const args = inRoot ? ['--root', root] : [];
    const child = start(config, args);
    const done = exited(child);
    await untilStaging(out, child);
    child.kill('SIGKILL');
    assert.is((await done).signal, 'SIGKILL');
    const left = temporaries(out);
    assert.ok(left.length > 0, 'the killed run left temporaries behind');
    // The files plugin commits every 256 files (STAGE_LIMIT_FILES): never more is staged at once.
    assert.ok(left.length <= 256, `${left.length} files staged at once`);
    assertWhole(out);
    const rerun = await yip([...args, config]);
    assert.is(rerun.code, 0, rerun.stderr);
    assert.equal(temporaries(out), []);
    assert.is(written(out).length, FILES);
    assertWhole(out);
    kills++;
  });
}

s.run();
