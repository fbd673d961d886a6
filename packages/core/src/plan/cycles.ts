/**
 * A dependency cycle is reported once: one error on the member that comes first, naming a few
 * members and how many there are; the other members carry a one-line pointer to it. (Printing
 * the whole cycle for every member made a 4,000-step cycle print hundreds of megabytes.)
 */
import type { Diagnostic } from '../diagnostics.js';
import { diagnostic, forStep } from '../diagnostics.js';
import type { Position } from '../node.js';

/** Members named in the message; the rest are counted. */
const NAMED_MEMBERS = 5;

export function describeCycle(cycle: readonly string[]): string {
  const shown = cycle.slice(0, NAMED_MEMBERS).map((id) => `\`${id}\``);
  if (cycle.length === 1) return `step ${shown[0]} waits for itself`;
  const more = cycle.length > NAMED_MEMBERS ? ` → … (${cycle.length - NAMED_MEMBERS} more)` : '';
  return `dependency cycle of ${cycle.length} steps: ${shown.join(' → ')}${more} → ${shown[0]}; none of them runs`;
}

export interface CycleMember {
  readonly id: string;
  readonly file: string;
  readonly pos: Position;
}

/** One problem per member: the full report on the first, a pointer to it on the others. */
export function cycleProblems(cycle: readonly CycleMember[]): Diagnostic[] {
  const first = cycle[0]!;
  const report = describeCycle(cycle.map((m) => m.id));
  return cycle.map((m) => {
    const message = m === first ? report : `not run: in the dependency cycle reported on \`${first.id}\``;
    return forStep(diagnostic('error', 'cycle', message, m.file, m.pos), m.id);
  });
}
