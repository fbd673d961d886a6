import { createExecutor, silentLogger } from '@yipts/core';
import type { Logger } from '@yipts/core';
import commandsPlugin from '@yipts/plugin-commands';
import conditionalsPlugin from '@yipts/plugin-conditionals';
import filesPlugin from '@yipts/plugin-files';

/** Runs the `boot` stage of the configs in `dir` inside `root`; returns the ids of the failed steps. */
export async function bootImage(root: string, dir: string, logger: Logger = silentLogger): Promise<string[]> {
  const executor = createExecutor({ plugins: [conditionalsPlugin(), filesPlugin(), commandsPlugin({ timeoutMs: 60_000 })], logger });
  const result = await executor.runStage('boot', [dir], { root });
  if (result.fatal) throw new AggregateError(result.errors, 'the root could not be prepared or released');
  const steps = result.stages.flatMap((stage) => stage.steps);
  for (const step of steps) for (const error of step.errors) logger.log('error', error.message, { stepId: step.id });
  return steps.filter((step) => step.status === 'failed').map((step) => step.id);
}
