/**
 * pacman has no version pinning: `IgnorePkg` only skips upgrades of whatever version happens to
 * be installed, and cannot install or keep a chosen one. Writing it would report a pin that
 * does not hold, so a pin here is an error saying so (yip only warned and went on).
 */
import type { PinWriter } from './types.js';

export const writePacmanPins: PinWriter = async (pins) => {
  throw new Error(
    `package_pins is not supported with pacman, which cannot hold a package at a version (IgnorePkg only skips upgrades of the installed one); not pinned: ${pins.map((p) => `${p.name}=${p.version}`).join(', ')}`,
  );
};
