/**
 * The crash property of a `files` step, on the real CLI: 2,000 files that already exist with old
 * content and mode are rewritten, and the CLI is killed with SIGKILL at three moments (while it
 * stages the first files, right after the first rename, late in the step). After each kill every
 * file is wholly old or wholly new, content and mode together, never empty or partial; the next
 * run completes the step and leaves no temporary file.
 *
 * What this shows: the order of the writes (temporary file complete, with its mode, before it is
 * renamed over the target) and the clean-up of a killed run. What it cannot show: a power cut,
 * where the page cache is lost too; that rests on the flush before the renames (one syncfs per
 * file system, see packages/system/README.md), which no test without a real power cut can prove.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { chmodSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { cliCommand, yip } from '../helpers/cli.js';
import { removeTempDirs, tempDir } from '../helpers/tmp.js';

const FILES = 2000;
const OLD_MODE = 0o600;
const NEW_MODE = 0o640;
const oldContent = (i: number) => `old ${i}\n`;
// Longer than the old content, so that a partial write cannot pass for either.
const newContent = (i: number) => `new ${i} `.repeat(300);

const s = suite('a files step killed with SIGKILL');
s.after.each(removeTempDirs);

/** The config rewriting every file, and the directory with the old files in place. */
function setUp(): { config: string; out: string } {
  const dir = tempDir();
  const out = join(dir, 'out');
  mkdirSync(out);
  const lines = ['stages:', '  default:', '    - name: rewrite', '      files:'];
  for (let i = 0; i < FILES; i++) {
    lines.push(`        - path: ${out}/f${i}.conf`, '          permissions: 0640', `          content: "${newContent(i)}"`);
  }
  writeFileSync(join(dir, 'rewrite.yaml'), `${lines.join('\n')}\n`);
  resetOld(out);
  return { config: join(dir, 'rewrite.yaml'), out };
}

function resetOld(out: string): void {
  for (let i = 0; i < FILES; i++) {
    const path = join(out, `f${i}.conf`);
    writeFileSync(path, oldContent(i));
    chmodSync(path, OLD_MODE);
  }
}

const temporaries = (dir: string) => readdirSync(dir).filter((n) => n.includes('.yipts-'));
const isNew = (out: string, i: number) => readFileSync(join(out, `f${i}.conf`), 'utf8') === newContent(i);

/** Counts old and new files; fails on any file that is neither, in content or mode. */
function census(out: string): { old: number; new: number } {
  const counts = { old: 0, new: 0 };
  for (let i = 0; i < FILES; i++) {
    const path = join(out, `f${i}.conf`);
    const text = readFileSync(path, 'utf8');
    const mode = statSync(path).mode & 0o7777;
    if (text === oldContent(i) && mode === OLD_MODE) counts.old++;
    else if (text === newContent(i) && mode === NEW_MODE) counts.new++;
    else assert.unreachable(`f${i}.conf is neither old nor new: ${text.length} bytes, mode ${mode.toString(8)}`);
  }
  return counts;
}

function start(config: string): ChildProcess {
  const [program, ...pre] = cliCommand();
  // NODE_OPTIONS of the test runner (source conditions) must not leak into the CLI under test.
  const env: NodeJS.ProcessEnv = { ...process.env, LOGLEVEL: 'error', NO_COLOR: '1' };
  delete env.NODE_OPTIONS;
  return spawn(program!, [...pre, config], { env, stdio: 'ignore' });
}

/**
 * Starts a run and kills it with SIGKILL as soon as `moment` holds; true when it was killed
 * (false: the run ended before the moment came, or the moment was never seen).
 */
async function killWhen(config: string, moment: () => boolean): Promise<boolean> {
  const child = start(config);
  const ended = new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_code, signal) => resolve(signal)));
  while (child.exitCode === null && child.signalCode === null) {
    let now = false;
    try {
      now = moment();
    } catch {
      // a file between unlink and rename is never seen: rename replaces it at once
    }
    if (now) {
      child.kill('SIGKILL');
      break;
    }
    await new Promise((r) => setImmediate(r));
  }
  return (await ended) === 'SIGKILL';
}

const moments: [string, (out: string) => boolean, (c: { old: number; new: number }) => void][] = [
  ['while the first files are staged', (out) => temporaries(out).length > 0, (c) => assert.is(c.old, FILES, 'nothing renamed yet')],
  ['right after the first rename', (out) => isNew(out, 0), (c) => assert.ok(c.new > 0 && c.old > 0, `${c.new} new, ${c.old} old`)],
  ['late in the step', (out) => isNew(out, 1500), (c) => assert.ok(c.new >= 1501, `${c.new} new`)],
];

for (const [when, moment, expect] of moments) {
  s(`killed ${when}: every file wholly old or wholly new; the next run finishes and leaves no temporary`, async () => {
    const { config, out } = setUp();
    let killed = false;
    // A loaded machine may finish the run before the moment is seen: then try again, a few times.
    for (let attempt = 0; attempt < 5 && !killed; attempt++) {
      resetOld(out);
      killed = await killWhen(config, () => moment(out));
    }
    assert.ok(killed, `the run was never killed ${when}`);
    expect(census(out));
    const rerun = await yip([config]);
    assert.is(rerun.code, 0, rerun.stderr);
    assert.equal(temporaries(out), [], 'no temporary left after the next run');
    assert.equal(census(out), { old: 0, new: FILES });
  });
}

s.run();
