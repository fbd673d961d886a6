/**
 * The unit commands, in yip's order: enable, disable, mask, start. One `systemctl` call per
 * list entry (an entry may name several units separated by spaces, which yip's shell call
 * allowed), so that one unknown unit does not stop the others.
 */
export const VERBS = ['enable', 'disable', 'mask', 'start'] as const;
export type Verb = (typeof VERBS)[number];

export interface UnitLists {
  readonly enable?: readonly string[];
  readonly disable?: readonly string[];
  readonly mask?: readonly string[];
  readonly start?: readonly string[];
}

export interface UnitCommand {
  readonly verb: Verb;
  readonly units: readonly string[];
}

export function unitCommands(lists: UnitLists): UnitCommand[] {
  const out: UnitCommand[] = [];
  for (const verb of VERBS) {
    for (const entry of lists[verb] ?? []) {
      const units = entry
        .trim()
        .split(/\s+/)
        .filter((u) => u !== '');
      if (units.length) out.push({ verb, units });
    }
  }
  return out;
}

/** A unit name is one argument: an option (`--root=…`) passed as a unit would change what runs. */
export function checkUnits(command: UnitCommand): void {
  const bad = command.units.find((u) => u.startsWith('-'));
  if (bad !== undefined) throw new Error(`systemctl ${command.verb}: \`${bad}\` is not a unit name`);
}
