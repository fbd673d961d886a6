/**
 * The fuzz suite: 10,000 seeded inputs (corpus mutations and wrong types for every schema key)
 * through load + validate + plan, a sample through the real `yip -a`. It runs in a process of
 * its own so that its peak memory is its own; `pnpm fuzz` runs a longer one.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ensureBuilt, REPO } from '../helpers/cli.js';
import type { FuzzFigures } from './fuzz.js';
import { report } from './fuzz.js';

const MAIN = fileURLToPath(new URL('./fuzz-main.ts', import.meta.url));
const TSX = `${REPO}node_modules/tsx/dist/cli.mjs`;
const OLD_SPACE_MIB = 160;

function runFuzzer(args: string[]): Promise<FuzzFigures> {
  return new Promise((resolve, reject) => {
    // V8's old space is capped below the memory goal: garbage collection, not V8's laziness over
    // 10,000 inputs, then decides the peak, and an input that needed more would fail the run.
    const env = { ...process.env, NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --max-old-space-size=${OLD_SPACE_MIB}`.trim() };
    const child = spawn(process.execPath, [TSX, MAIN, '--json', ...args], { cwd: REPO, env, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (c) => (out += c));
    const timer = setTimeout(() => child.kill('SIGKILL'), 240_000);
    child.on('error', reject);
    child.on('close', (_code, signal) => {
      clearTimeout(timer);
      if (signal) reject(new Error(`the fuzzer was killed by ${signal}`));
      else resolve(JSON.parse(out.trim().split('\n').pop()!) as FuzzFigures);
    });
  });
}

test('10,000 fuzzed inputs: no crash, no hang, bounded memory; a sample through the real CLI', async () => {
  ensureBuilt();
  const figures = await runFuzzer(['--seed', '20261206', '--count', '10000', '--cli', '60', '--hang-ms', '5000']);
  console.log(`\n${report(figures)}`);
  const show = (list: FuzzFigures['crashes']) =>
    list
      .slice(0, 3)
      .map((f) => `#${f.index}: ${f.why}\n${f.input.slice(0, 400)}`)
      .join('\n\n');
  assert.is(figures.inputs, 10_000);
  assert.ok(figures.wrongTypes > 2_000 && figures.mutated > 5_000, 'both generators contribute');
  assert.ok(figures.keyPaths > 80, `${figures.keyPaths} key paths`);
  assert.is(figures.crashes.length, 0, show(figures.crashes));
  assert.is(figures.hangs.length, 0, show(figures.hangs));
  assert.is(figures.cliRuns, 60);
  assert.is(figures.cliCrashes.length, 0, show(figures.cliCrashes));
  assert.ok(figures.peakRssMiB < 256, `peak memory ${figures.peakRssMiB} MiB`);
  // The inputs do reach the checks: every family of finding shows up.
  for (const code of ['yaml', 'type', 'unknown-key', 'limit-depth', 'template-key', 'duplicate-id']) {
    assert.ok(figures.codes[code], `no \`${code}\` finding`);
  }
});

test.run();
