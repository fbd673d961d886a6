/** One stage of an inline config run in process with the git plugin, and what came out of it. */
import { createExecutor } from '@yipts/core';
import type { LogLevel, Plugin, StepResult } from '@yipts/core';

export interface StageOutcome {
  readonly steps: readonly StepResult[];
  /** Every error message (steps and run), in order. */
  readonly errors: string[];
  readonly logs: { level: LogLevel; message: string }[];
}

export async function runStage(plugins: readonly Plugin[], yaml: string, root: string, env: Readonly<Record<string, string | undefined>> = process.env): Promise<StageOutcome> {
  const logs: { level: LogLevel; message: string }[] = [];
  const executor = createExecutor({ plugins, logger: { log: (level, message) => logs.push({ level, message }) } });
  const result = await executor.runStage('test', [{ kind: 'inline', name: 'git.yaml', text: yaml }], { root, env });
  const steps = result.stages.flatMap((s) => s.steps);
  return { steps, errors: [...result.errors.map((e) => e.message), ...steps.flatMap((s) => s.errors.map((e) => e.message))], logs };
}

/** A YAML stage `test` whose steps are given as JSON (valid YAML), named in order. */
export function stage(...steps: Record<string, unknown>[]): string {
  return `stages:\n  test:\n${steps.map((s) => `    - ${JSON.stringify(s)}`).join('\n')}\n`;
}
