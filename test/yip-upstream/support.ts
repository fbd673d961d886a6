// What the ported upstream tests share: planning a config in-process with the preset plugins (to
// look at the steps yip's loader would produce), running sources through the real bundled CLI,
// and stand-in programs that record command lines, for the tests where yip itself records them.
import { chmod, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { parse, stringify } from 'yaml';
import { writeFileSync } from 'node:fs';
import * as assert from 'uvu/assert';
import { dirname, join } from 'node:path';
import { createExecutor } from '@yipts/core';
import type { LoadedFile, PlannedStep, SourceInput } from '@yipts/core';
import { presetPlugins } from '@yipts/preset';
import { yip } from '../helpers/cli.js';
import type { CliOptions, CliResult } from '../helpers/cli.js';
import { tempDir } from '../helpers/tmp.js';

export interface StageRunOptions extends CliOptions {
  /** More of the executor configuration (YAML), e.g. `pluginOptions:` for a plugin. */
  readonly config?: string;
}

/**
 * Runs stage `test` of a config whose steps are `steps` (YAML list items, indented by 4) through
 * the real CLI, with `root` as the target root (`--root`). The executor configuration looks for no
 * partition label: these tests are about steps, and a COS_OEM loop device another test attached
 * meanwhile must not be mounted over the root's /oem.
 */
export async function runSteps(root: string, steps: string, options: StageRunOptions = {}): Promise<CliResult> {
  const dir = tempDir();
  writeFileSync(join(dir, 'steps.yaml'), `stages:\n  test:\n${steps}`);
  writeFileSync(join(dir, 'yip.config.yaml'), executorConfig(options.config));
  return yip(['--config', join(dir, 'yip.config.yaml'), '--root', root, '-s', 'test', join(dir, 'steps.yaml')], options);
}

/** A source given as text; dot notation when `dotNotation`. */
export interface InlineSource {
  readonly text: string;
  readonly dotNotation?: boolean;
}

export interface StagePlanView {
  /** Every stage each loaded file has, by file name. */
  readonly stagesOf: ReadonlyMap<string, readonly string[]>;
  readonly steps: readonly PlannedStep[];
  readonly layers: readonly (readonly string[])[];
  /** Error diagnostics about the sources (files that could not be read, invalid steps). */
  readonly errors: readonly string[];
  step(index: number): Readonly<Record<string, unknown>>;
}

/**
 * Plans `stage` of the sources (inline YAML text or paths) without running anything: the steps
 * as validated by the preset's schemas, their ids and their dependency layers (yip's Graph minus
 * its init node).
 */
export async function planOf(sources: readonly (string | InlineSource)[], stage: string): Promise<StagePlanView> {
  const executor = createExecutor({ plugins: presetPlugins() });
  const stagesOf = new Map<string, string[]>();
  let steps: readonly PlannedStep[] = [];
  let layers: readonly (readonly string[])[] = [];
  executor.hooks.configLoaded.tap('upstream-test', (file: LoadedFile) => {
    stagesOf.set(file.file, [...file.stages.keys()]);
    return file;
  });
  executor.hooks.planned.tap('upstream-test', (plan) => {
    steps = [...steps, ...plan.steps];
    layers = [...layers, ...plan.layers];
  });
  const inputs: SourceInput[] = sources.map((s, i) =>
    typeof s === 'string' ? s : { kind: 'inline', name: `inline-${i}`, text: s.text, dotNotation: s.dotNotation === true },
  );
  const result = await executor.runStage(stage, inputs, { analyze: true });
  const errors = [
    ...result.stages
      .flatMap((st) => st.diagnostics)
      .filter((d) => d.severity === 'error')
      .map((d) => d.message),
    ...steps.flatMap((st) => st.problems.map((d) => d.message)),
  ];
  return {
    stagesOf,
    errors,
    steps,
    layers,
    step: (index) => {
      const found = steps[index];
      if (!found) throw new Error(`stage ${stage} has ${steps.length} step(s), not ${index + 1}`);
      return found.spec;
    },
  };
}

/** runSteps, failing the test unless the CLI exits 0. */
export async function stepsSucceed(root: string, steps: string, options: StageRunOptions = {}): Promise<CliResult> {
  const r = await runSteps(root, steps, options);
  assert.is(r.code, 0, r.stderr);
  return r;
}

/**
 * Programs that only record how they were called, one line per call appended to `log` (the path
 * as the programs see it: inside the root when they run chrooted), for the upstream tests that
 * check command lines of tools this machine cannot run for real. `programs` are paths under `dir`.
 */
export async function standIns(dir: string, programs: readonly string[], log: string): Promise<void> {
  const script = `#!/bin/sh\necho "$(basename "$0") $*" >>${log}\n`;
  for (const program of programs) {
    await mkdir(dirname(join(dir, program)), { recursive: true });
    await writeFile(join(dir, program), script);
    await chmod(join(dir, program), 0o755);
  }
}

/** The calls recorded in `hostLog` since the last read, oldest first. */
export async function recordedCalls(hostLog: string): Promise<string[]> {
  const text = await readFile(hostLog, 'utf8').catch(() => '');
  await rm(hostLog, { force: true });
  return text.split('\n').filter(Boolean);
}

/** The executor configuration of a test run: `extra` (YAML) with the mount plugin looking for no label. */
export function executorConfig(extra = ''): string {
  const config = (parse(extra) ?? {}) as { pluginOptions?: Record<string, unknown> };
  return stringify({ ...config, pluginOptions: { ...config.pluginOptions, mount: { labels: {} } } });
}
