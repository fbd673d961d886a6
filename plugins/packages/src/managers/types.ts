/** What every package manager table provides: one program, and its arguments for each phase. */

export const MANAGER_NAMES = ['apt', 'dnf', 'zypper', 'apk', 'pacman'] as const;
export type ManagerName = (typeof MANAGER_NAMES)[number];

/** The phases of a `packages` action, in the order they run. */
export const PHASES = ['refresh', 'upgrade', 'install', 'remove'] as const;
export type Phase = (typeof PHASES)[number];

export interface PackageManager {
  readonly name: ManagerName;
  /** The program run inside the target root. */
  readonly program: string;
  /** Added to the environment of every command (e.g. what keeps it from asking questions). */
  readonly env: Readonly<Record<string, string>>;
  /** Exit codes besides 0 that still mean the work was done. */
  readonly successCodes: readonly number[];
  /** The full command line for a phase; `packages` is empty for refresh and upgrade. */
  argv(phase: Phase, packages: readonly string[]): string[];
}

export function isManagerName(value: string): value is ManagerName {
  return (MANAGER_NAMES as readonly string[]).includes(value);
}
