/**
 * Files read by the fast reader have no positions. Before a stage runs, its plan is made once
 * with them; every such file that has anything to report — a diagnostic, a step that cannot
 * run, a key no plugin handles — is read again by the precise reader, so that every message
 * still names its line and column. A valid file is never read twice.
 */
import type { LoadedFile } from '../load/loaded-file.js';
import { parseText } from '../load/sources.js';
import type { Registry } from '../registry.js';
import { unhandledKeys } from '../registry.js';
import { planStage } from './plan-stage.js';

export function withPositionsWhereNeeded(files: LoadedFile[], stage: string, registry: Registry): LoadedFile[] {
  if (!files.some((f) => f.precise === false)) return files;
  const plan = planStage(files, stage, registry.stepSchema);
  const needed = new Set<string>();
  for (const d of plan.diagnostics) needed.add(d.file);
  for (const step of plan.steps) {
    if (step.problems.length) needed.add(step.file);
    if (unhandledKeys(step.spec, registry).length) needed.add(step.file);
  }
  if (needed.size === 0) return files;
  return files.map((f) =>
    f.precise === false && needed.has(f.file) && f.text !== undefined ? parseText(f.text, f.file, false, stage) : f,
  );
}
