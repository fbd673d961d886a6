/** One stage of an inline config run in process with the git plugin, and what came out of it. */
import type { LogLevel, Plugin, StepResult } from '@yipts/core';
import { runYaml } from '@yipts/testing';

export interface StageOutcome {
  readonly steps: readonly StepResult[];
  /** Every error message (steps and run), in order. */
  readonly errors: string[];
  readonly logs: readonly { level: LogLevel; message: string }[];
}

/** Stage `test` of `git.yaml`; git reads HOME and its own variables, so the caller's environment by default. */
export async function runStage(
  plugins: readonly Plugin[],
  yaml: string,
  root: string,
  env: Readonly<Record<string, string | undefined>> = process.env,
): Promise<StageOutcome> {
  const run = await runYaml(yaml, { plugins, root, env, stage: 'test', file: 'git.yaml' });
  return { steps: run.steps, errors: run.errors.map((e) => e.message), logs: run.logs };
}

/** A YAML stage `test` whose steps are given as JSON (valid YAML), named in order. */
export function stage(...steps: Record<string, unknown>[]): string {
  return `stages:\n  test:\n${steps.map((s) => `    - ${JSON.stringify(s)}`).join('\n')}\n`;
}
