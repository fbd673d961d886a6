/** The pin writer of each manager. */
import type { ManagerName } from '../managers/index.js';
import { writeApkPins } from './apk.js';
import { writeAptPins } from './apt.js';
import { writeDnfPins } from './dnf.js';
import { writePacmanPins } from './pacman.js';
import type { PinWriter } from './types.js';
import { writeZypperPins } from './zypper.js';

export const PIN_WRITERS: Readonly<Record<ManagerName, PinWriter>> = Object.freeze({
  apt: writeAptPins,
  dnf: writeDnfPins,
  zypper: writeZypperPins,
  apk: writeApkPins,
  pacman: writePacmanPins,
});

export type { Pin, PinWriter } from './types.js';
