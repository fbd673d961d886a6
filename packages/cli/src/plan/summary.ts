/** Counting a plan: what would be added, changed, removed or run, and whether anything would change. */
import { isAlteration } from '@yipts/core';
import type { Change, RunResult } from '@yipts/core';

export interface PlanSummary {
  readonly add: number;
  readonly change: number;
  readonly remove: number;
  /** Commands that would run and fetches that would happen. */
  readonly run: number;
  /** Actions without a plan of their own, shown as "would run `key`". */
  readonly unknown: number;
}

export type Sign = '+' | '~' | '-' | '>' | '?' | '#';

/** Terraform's signs: `+` added, `~` changed, `-` removed; `>` run or fetched; `?` depends on; `#` a note. */
export function signOf(change: Change): Sign {
  switch (change.kind) {
    case 'file':
    case 'directory':
      return change.action === 'create' ? '+' : change.action === 'modify' ? '~' : '-';
    case 'account':
      return change.action === 'add' ? '+' : change.action === 'change' ? '~' : '-';
    case 'unit':
      return change.action === 'disable' || change.action === 'mask' ? '-' : change.action === 'override' ? '~' : '+';
    case 'package':
      return change.action === 'install' ? '+' : change.action === 'upgrade' ? '~' : '-';
    case 'disk':
      return change.action === 'add-partition' ? '+' : '~';
    case 'live':
      return '~';
    case 'command':
    case 'fetch':
      return '>';
    case 'condition':
      return '?';
    case 'note':
      return '#';
  }
}

export function allChanges(result: RunResult): Change[] {
  return result.stages.flatMap((s) => s.steps.flatMap((step) => step.changes ?? []));
}

export function summarize(result: RunResult): PlanSummary {
  const count = { add: 0, change: 0, remove: 0, run: 0, unknown: 0 };
  for (const change of allChanges(result)) {
    const sign = signOf(change);
    if (sign === '+') count.add++;
    else if (sign === '~') count.change++;
    else if (sign === '-') count.remove++;
    else if (sign === '>') count.run++;
    else if (change.kind === 'note' && change.text.startsWith('would run')) count.unknown++;
  }
  return count;
}

/** Something would change: a change of the system, a command or fetch, or an action that cannot say. */
export function wouldChange(result: RunResult): boolean {
  const summary = summarize(result);
  return allChanges(result).some(isAlteration) || summary.unknown > 0;
}
