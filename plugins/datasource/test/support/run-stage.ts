/** One stage of an inline config through a real executor, with the outcome in plain form. */
import type { LogLevel, Plugin, RunResult } from '@yipts/core';
import { runYaml } from '@yipts/testing';

export interface StageRun {
  readonly result: RunResult;
  readonly errors: string[];
  readonly logs: readonly { level: LogLevel; message: string }[];
  readonly statuses: string[];
  /** How long the run took: the time limits of the providers are asserted on it. */
  readonly ms: number;
}

export async function runStage(plugins: readonly Plugin[], yaml: string, root: string): Promise<StageRun> {
  const started = Date.now();
  const run = await runYaml(yaml, { plugins, root, stage: 'test', env: process.env });
  const ms = Date.now() - started;
  return { result: run.result, errors: run.errors.map((e) => e.message), logs: run.logs, statuses: run.steps.map((s) => s.status), ms };
}

export function step(datasource: string): string {
  return `stages:\n  test:\n    - name: pull\n      datasource: ${datasource}\n`;
}
