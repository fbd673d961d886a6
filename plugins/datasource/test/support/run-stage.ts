/** One stage of an inline config through a real executor, with the outcome in plain form. */
import { createExecutor } from '@yipts/core';
import type { LogLevel, Plugin, RunResult } from '@yipts/core';

export interface StageRun {
  readonly result: RunResult;
  readonly errors: string[];
  readonly logs: { level: LogLevel; message: string }[];
  readonly statuses: string[];
  readonly ms: number;
}

export async function runStage(plugins: readonly Plugin[], yaml: string, root: string): Promise<StageRun> {
  const logs: { level: LogLevel; message: string }[] = [];
  const executor = createExecutor({ plugins, logger: { log: (level, message) => logs.push({ level, message }) } });
  const started = Date.now();
  const result = await executor.runStage('test', [{ kind: 'inline', name: 'test.yaml', text: yaml }], { root, env: process.env });
  const steps = result.stages.flatMap((s) => s.steps);
  return {
    result,
    errors: [...result.errors.map((e) => e.message), ...steps.flatMap((s) => s.errors.map((e) => e.message))],
    logs,
    statuses: steps.map((s) => s.status),
    ms: Date.now() - started,
  };
}

export function step(datasource: string): string {
  return `stages:\n  test:\n    - name: pull\n      datasource: ${datasource}\n`;
}
