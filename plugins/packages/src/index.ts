/**
 * The packages plugin: `packages` (refresh, upgrade, install, remove) and `package_pins`,
 * done by the package manager of the root the step runs in: the host, or the image a chroot
 * stage prepared. The manager comes from the root's os-release unless an option forces one.
 */
import { definePlugin, yipActions } from '@yipts/core';
import type { Plugin } from '@yipts/core';
import { resolveOptions } from './options.js';
import type { PackagesOptions } from './options.js';
import { planPackageWork } from './plan.js';
import { runPackages } from './run-packages.js';
import { runPins } from './run-pins.js';

export const PLUGIN_NAME = 'packages';

export default function packagesPlugin(options: PackagesOptions = {}): Plugin {
  const resolved = resolveOptions(options);
  return definePlugin({
    name: PLUGIN_NAME,
    actions: yipActions({
      package_pins: { run: (pins, ctx) => runPins(pins, ctx, resolved) },
      packages: { run: (spec, ctx) => runPackages(spec, ctx, resolved), plan: (spec, ctx) => planPackageWork(spec, ctx, resolved) },
    }),
  });
}

export { packagesPlugin };
export type { PackagesOptions } from './options.js';
export { DEFAULT_TIMEOUT_MS, OPTIONS_SCHEMA } from './options.js';
export { MANAGERS, MANAGER_NAMES, PHASES } from './managers/index.js';
export type { ManagerName, PackageManager, Phase } from './managers/index.js';
export { managerForId, managerForOsRelease, detectManager } from './detect.js';
