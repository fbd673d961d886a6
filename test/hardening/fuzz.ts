/**
 * The fuzzer: inputs generated from the vendored corpus by mutation, and steps with wrong values
 * for every key of core's schema, run through load + validate + plan (analyze mode, and the fast
 * reader the boot path uses); a sample also through `yip -a` of the real bundled CLI.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createExecutor, parseText } from '@yipts/core';
import { corpusYamlFiles } from '../fixtures/corpus.js';
import { CLI, ensureBuilt } from '../helpers/cli.js';
import { mutate } from './mutate.js';
import { cliCrash, crashIn, notADiagnostic } from './oracle.js';
import { Random } from './random.js';
import { schemaKeyPaths, wrongTypeConfig } from './wrong-types.js';

export interface FuzzOptions {
  readonly seed: number;
  readonly count: number;
  /** How many of the inputs also go through the real CLI. */
  readonly cliSample: number;
  /** An input that takes longer than this is a hang. */
  readonly hangMs: number;
}

export interface Failure {
  readonly index: number;
  readonly why: string;
  readonly input: string;
}

export interface FuzzFigures {
  readonly seed: number;
  readonly inputs: number;
  readonly mutated: number;
  readonly wrongTypes: number;
  readonly keyPaths: number;
  readonly findings: number;
  readonly codes: Record<string, number>;
  readonly crashes: Failure[];
  readonly hangs: Failure[];
  readonly slowestMs: number;
  readonly slowestIndex: number;
  readonly totalMs: number;
  readonly cliRuns: number;
  readonly cliCrashes: Failure[];
  readonly peakRssMiB: number;
  readonly memoryJumps: Failure[];
}

export interface Input {
  readonly text: string;
  readonly stage: string;
  readonly wrongType: boolean;
}

const STAGES = /^ {2}([\w.-]+):\s*$/gm;

function corpus(): { texts: string[]; stages: string[][] } {
  const texts = corpusYamlFiles().map((f) => readFileSync(f, 'utf8'));
  const stages = texts.map((t) => [...t.matchAll(STAGES)].map((m) => m[1]!).concat('default'));
  return { texts, stages };
}

function generate(random: Random, source: ReturnType<typeof corpus>, paths: ReturnType<typeof schemaKeyPaths>): Input {
  if (random.chance(0.3)) return { ...wrongTypeConfig(random, paths), wrongType: true };
  const i = random.int(source.texts.length);
  return { text: mutate(source.texts[i]!, random, source.texts), stage: random.pick(source.stages[i]!), wrongType: false };
}

/** The inputs of a seed, in order: input N of a run is the N-th value (to reproduce one). */
export function* inputs(seed: number): Generator<Input> {
  const random = new Random(seed);
  const source = corpus();
  const paths = schemaKeyPaths();
  for (;;) yield generate(random, source, paths);
}

export async function fuzz(options: FuzzOptions): Promise<FuzzFigures> {
  const generated = inputs(options.seed);
  const executor = createExecutor({ plugins: [] });
  const crashes: Failure[] = [];
  const hangs: Failure[] = [];
  const codes: Record<string, number> = {};
  const cliInputs: { index: number; input: Input }[] = [];
  const every = Math.max(1, Math.floor(options.count / Math.max(1, options.cliSample)));
  let wrongTypes = 0;
  let findings = 0;
  let slowestMs = 0;
  let slowestIndex = 0;
  // Inputs after which the peak memory rose by more than 16 MiB: where to look when it is high.
  const memoryJumps: Failure[] = [];
  let peakRss = process.resourceUsage().maxRSS;
  const started = performance.now();
  for (let index = 0; index < options.count; index++) {
    const input = generated.next().value as Input;
    if (input.wrongType) wrongTypes++;
    const name = `fuzz-${options.seed}-${index}.yaml`;
    const t0 = performance.now();
    let why: string | undefined;
    try {
      const sources = [{ kind: 'inline', name, text: input.text } as const];
      const result = await executor.run({ stages: [{ stage: input.stage, sources }], analyze: true });
      why = crashIn(result);
      for (const d of result.stages.flatMap((s) => s.diagnostics)) {
        codes[d.code] = (codes[d.code] ?? 0) + 1;
        findings++;
      }
      // The boot path: the fast reader first, the precise one for anything to report.
      why ??= parseText(input.text, name, false, input.stage, true).diagnostics.map(notADiagnostic).find(Boolean);
    } catch (error) {
      why = `threw: ${(error as Error).stack ?? String(error)}`;
    }
    const ms = performance.now() - t0;
    if (ms > slowestMs) [slowestMs, slowestIndex] = [ms, index];
    if (why) crashes.push({ index, why, input: input.text.slice(0, 2_000) });
    if (ms > options.hangMs) hangs.push({ index, why: `${Math.round(ms)} ms`, input: input.text.slice(0, 2_000) });
    if (index % every === 0 && cliInputs.length < options.cliSample) cliInputs.push({ index, input });
    const rss = process.resourceUsage().maxRSS;
    if (rss > peakRss + 16 * 1024) {
      const why = `peak ${Math.round(peakRss / 1024)} → ${Math.round(rss / 1024)} MiB`;
      memoryJumps.push({ index, why, input: input.text.slice(0, 2_000) });
    }
    peakRss = Math.max(peakRss, rss);
  }
  const totalMs = performance.now() - started;
  const cliCrashes = runCli(cliInputs, options);
  return {
    seed: options.seed,
    inputs: options.count,
    mutated: options.count - wrongTypes,
    wrongTypes,
    keyPaths: schemaKeyPaths().length,
    findings,
    codes,
    crashes,
    hangs,
    slowestMs: Math.round(slowestMs),
    slowestIndex,
    totalMs: Math.round(totalMs),
    cliRuns: cliInputs.length,
    cliCrashes,
    peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
    memoryJumps,
  };
}

/** `yip -a FILE` of the bundled CLI on each sampled input. */
function runCli(inputs: readonly { index: number; input: Input }[], options: FuzzOptions): Failure[] {
  if (inputs.length === 0) return [];
  ensureBuilt();
  const dir = mkdtempSync(join(tmpdir(), 'yipts-fuzz-'));
  const failures: Failure[] = [];
  try {
    for (const { index, input } of inputs) {
      const file = join(dir, `fuzz-${index}.yaml`);
      writeFileSync(file, input.text);
      const r = spawnSync(process.execPath, [CLI, '-a', '-s', input.stage, file], {
        encoding: 'utf8',
        timeout: options.hangMs,
        env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', LOGLEVEL: 'warning' },
        maxBuffer: 64 * 1024 * 1024,
      });
      const why = r.error ? `did not finish: ${r.error.message}` : cliCrash(r.status, r.stdout, r.stderr);
      if (why) failures.push({ index, why, input: input.text.slice(0, 2_000) });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return failures;
}

/** The figures as a reader wants them. */
export function report(f: FuzzFigures): string {
  const codes = Object.entries(f.codes)
    .sort((a, b) => b[1] - a[1])
    .map(([code, n]) => `${code} ${n}`)
    .join(', ');
  return [
    `seed ${f.seed}: ${f.inputs} inputs (${f.mutated} corpus mutations, ${f.wrongTypes} wrong types over ${f.keyPaths} schema key paths)`,
    `crashes ${f.crashes.length}, hangs over the limit ${f.hangs.length}, ` +
      `slowest input ${f.slowestMs} ms (#${f.slowestIndex}), all inputs ${(f.totalMs / 1000).toFixed(1)} s`,
    `real CLI (yip -a): ${f.cliRuns} runs, ${f.cliCrashes.length} crashes`,
    `peak memory (RSS) ${f.peakRssMiB} MiB`,
    `findings ${f.findings}: ${codes}`,
  ].join('\n');
}
