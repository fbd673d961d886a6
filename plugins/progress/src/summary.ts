/** The closing figures of a run: steps by outcome over every stage and source it ran. */
import type { RunResult } from '@yipts/core';

export interface StepCounts {
  readonly ok: number;
  readonly failed: number;
  readonly skipped: number;
}

export function countSteps(result: RunResult): StepCounts {
  const counts = { ok: 0, failed: 0, skipped: 0 };
  for (const stage of result.stages) for (const step of stage.steps) counts[step.status]++;
  return counts;
}
