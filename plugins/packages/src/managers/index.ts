/** The package manager tables, by name. */
import { apk } from './apk.js';
import { apt } from './apt.js';
import { dnf } from './dnf.js';
import { pacman } from './pacman.js';
import type { ManagerName, PackageManager } from './types.js';
import { zypper } from './zypper.js';

export const MANAGERS: Readonly<Record<ManagerName, PackageManager>> = Object.freeze({ apt, dnf, zypper, apk, pacman });

export { MANAGER_NAMES, PHASES, isManagerName } from './types.js';
export type { ManagerName, PackageManager, Phase } from './types.js';
