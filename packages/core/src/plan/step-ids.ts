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
