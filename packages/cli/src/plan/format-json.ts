/** The plan as JSON, for tools: every step with its changes (files with their unified diff) and the counts. */
import type { RunResult } from '@yipts/core';
import { unifiedDiff } from './diff.js';
import { summarize, wouldChange } from './summary.js';

export function formatPlanJson(result: RunResult): string {
  const stages = result.stages.map((stage) => ({
    stage: stage.stage,
    source: stage.source,
    steps: stage.steps.map((step) => ({
      id: step.id,
      file: step.file,
      status: step.status,
      ...(step.skipReason !== undefined ? { skipReason: step.skipReason } : {}),
      errors: step.errors.map((e) => e.message),
      changes: (step.changes ?? []).map((c) =>
        c.kind === 'file' && !c.binary && c.before !== c.after ? { ...c, diff: unifiedDiff(c.path, c.before, c.after) } : c,
      ),
    })),
  }));
  const errors = result.errors.map((e) => e.message);
  return `${JSON.stringify({ changed: wouldChange(result), ok: result.ok, summary: summarize(result), stages, errors }, null, 2)}\n`;
}
