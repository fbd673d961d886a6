/** Running one stage of an inline config with some plugins, in process, and reading the outcome. */
import { createExecutor } from '@yipts/core';
import type { LogLevel, Plugin, RunResult } from '@yipts/core';

export interface StageRun {
  readonly result: RunResult;
  /** Every step error message, in order. */
  readonly errors: string[];
  readonly logs: { level: LogLevel; message: string }[];
  readonly statuses: string[];
}

export async function runStage(plugins: readonly Plugin[], yaml: string, root: string, stage = 'test', env: Readonly<Record<string, string | undefined>> = process.env): Promise<StageRun> {
  const logs: { level: LogLevel; message: string }[] = [];
  const executor = createExecutor({ plugins, logger: { log: (level, message) => logs.push({ level, message }) } });
  const result = await executor.runStage(stage, [{ kind: 'inline', name: 'test.yaml', text: yaml }], { root, env });
  const steps = result.stages.flatMap((s) => s.steps);
  return { result, errors: [...result.errors.map((e) => e.message), ...steps.flatMap((s) => s.errors.map((e) => e.message))], logs, statuses: steps.map((s) => s.status) };
}
