/** Roots holding chosen files, and a run of stage `s` with the conditionals plugin (and any others). */
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { createExecutor } from '@yipts/core';
import type { Plugin, RunResult, StepResult } from '@yipts/core';
import conditionalsPlugin from '../src/index.js';
import type { ConditionalsOptions } from '../src/index.js';
import type { TempDirs } from '@yipts/testing';

/** A root made of the given files (`{ 'usr/bin/systemctl': '' }`); executables for bin dirs. */
export async function rootWith(tmp: TempDirs, files: Record<string, string>): Promise<string> {
  const root = await tmp.make('yipts-cond-root-');
  for (const [rel, content] of Object.entries(files)) {
    const path = join(root, rel);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, content);
    if (rel.includes('bin/')) await chmod(path, 0o755);
  }
  return root;
}

export interface Run {
  readonly result: RunResult;
  readonly steps: readonly StepResult[];
  /** Status of each step, by name: `ok`, `failed` or `skipped`. */
  readonly status: Record<string, string>;
}

export async function runStage(
  yaml: string,
  root: string,
  opts: { plugins?: Plugin[]; options?: ConditionalsOptions; env?: Record<string, string> } = {},
): Promise<Run> {
  const executor = createExecutor({ plugins: [conditionalsPlugin(opts.options), ...(opts.plugins ?? [])] });
  const result = await executor.runStage('s', [{ kind: 'inline', name: 'c', text: yaml }], {
    root,
    env: opts.env ?? { PATH: process.env.PATH ?? '' },
  });
  const steps = result.stages[0]!.steps;
  return { result, steps, status: Object.fromEntries(steps.map((s) => [s.id.replace(/^c\./, ''), s.status])) };
}
