import type { Diagnostic } from '../diagnostics.js';
import { diagnostic, forStep } from '../diagnostics.js';
import type { Position } from '../node.js';

/**
 * Step ids: `<config name or file>.<step name or index>`, unique within a stage. yip let two
 * steps with the same id overwrite each other; here the later ones get `#2`, `#3`… so no step
 * is ever lost.
 */
export class StepIds {
  private readonly taken = new Set<string>();
  /** The next suffix to try for each natural id: thousands of steps with one name stay linear. */
  private readonly nextSuffix = new Map<string, number>();

  /** The id for a step; `suffixed` tells whether the natural id was already taken. */
  assign(prefix: string, name: string | undefined, index: number): { id: string; natural: string; suffixed: boolean } {
    const natural = `${prefix}.${name && name.length > 0 ? name : String(index)}`;
    let id = natural;
    if (this.taken.has(id)) {
      // A name such as `a#2` may have been taken by a step that is really called so: skip it.
      let n = this.nextSuffix.get(natural) ?? 2;
      while (this.taken.has(`${natural}#${n}`)) n++;
      id = `${natural}#${n}`;
      this.nextSuffix.set(natural, n + 1);
    }
    this.taken.add(id);
    return { id, natural, suffixed: id !== natural };
  }
}

interface Renamed {
  readonly id: string;
  readonly file: string;
  readonly pos: Position;
}

/**
 * Steps that got a suffix, reported once per id at the first one renamed: 20,000 steps with one
 * name make one warning, not 20,000.
 */
export class DuplicateIds {
  private readonly renamed = new Map<string, { first: Renamed; last: Renamed; count: number }>();

  add(natural: string, step: Renamed): void {
    const known = this.renamed.get(natural);
    if (known) {
      known.last = step;
      known.count++;
    } else this.renamed.set(natural, { first: step, last: step, count: 1 });
  }

  diagnostics(): Diagnostic[] {
    return [...this.renamed].map(([natural, { first, last, count }]) => {
      const message =
        count === 1
          ? `another step already has the id \`${natural}\`; this one is \`${first.id}\``
          : `${count + 1} steps have the id \`${natural}\`; the later ones are \`${first.id}\` … \`${last.id}\``;
      return forStep(diagnostic('warning', 'duplicate-id', message, first.file, first.pos), first.id);
    });
  }
}
