/** A package manager from its table of arguments: every manager builds its command lines the same way. */
import type { ManagerName, PackageManager, Phase } from './types.js';

export interface ManagerTable {
  readonly name: ManagerName;
  readonly program: string;
  /** Arguments of every command line, before the phase's (e.g. zypper's `--non-interactive`). */
  readonly commonArgs?: readonly string[];
  /** Each phase's arguments; the packages follow them. */
  readonly args: Readonly<Record<Phase, readonly string[]>>;
  readonly env?: Readonly<Record<string, string>>;
  readonly successCodes?: readonly number[];
}

/** `program commonArgs… args[phase]… packages…`, with no environment and no other success code unless given. */
export function packageManager(table: ManagerTable): PackageManager {
  const { name, program, commonArgs = [], args, env = {}, successCodes = [] } = table;
  return Object.freeze({
    name,
    program,
    env: Object.freeze({ ...env }),
    successCodes: Object.freeze([...successCodes]),
    argv: (phase: Phase, packages: readonly string[]) => [program, ...commonArgs, ...args[phase], ...packages],
  });
}
