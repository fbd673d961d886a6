/**
 * Step ids: `<config name or file>.<step name or index>`, unique within a stage. yip let two
 * steps with the same id overwrite each other; here the later ones get `#2`, `#3`… so no step
 * is ever lost.
 */
export class StepIds {
  private readonly taken = new Set<string>();

  /** The id for a step; `suffixed` tells whether the natural id was already taken. */
  assign(prefix: string, name: string | undefined, index: number): { id: string; natural: string; suffixed: boolean } {
    const natural = `${prefix}.${name && name.length > 0 ? name : String(index)}`;
    let id = natural;
    for (let n = 2; this.taken.has(id); n++) id = `${natural}#${n}`;
    this.taken.add(id);
    return { id, natural, suffixed: id !== natural };
  }
}
