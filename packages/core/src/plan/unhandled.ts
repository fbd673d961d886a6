/**
 * A key of yip's vocabulary that no plugin of the executor handles is validated and then
 * ignored: that is a warning in the stage's results (and so in `-a`), at the key's line, and
 * not only a log line while the step runs.
 */
import type { PlannedStep } from '../context.js';
import type { Diagnostic } from '../diagnostics.js';
import { diagnostic, forStep } from '../diagnostics.js';
import type { Registry } from '../registry.js';
import { unhandledKeys } from '../registry.js';

export function unhandledKeyDiagnostics(steps: readonly PlannedStep[], registry: Registry): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const step of steps) {
    for (const key of unhandledKeys(step.spec, registry)) {
      const pos = step.node.entries.find((e) => e.key === key)?.keyPos ?? step.pos;
      out.push(forStep(diagnostic('warning', 'unhandled-key', `no plugin handles \`${key}\`; it is ignored`, step.file, pos), step.id));
    }
  }
  return out;
}
