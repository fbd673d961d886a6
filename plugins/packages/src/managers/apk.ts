/**
 * apk, for Alpine. apk never asks questions unless told to; `--no-cache` keeps downloaded
 * indexes and packages out of the image. `refresh` is `apk update`, whose whole point is to
 * fill that cache, so it goes without the flag (as in yip).
 */
import type { PackageManager, Phase } from './types.js';

const ARGS: Record<Phase, readonly string[]> = {
  refresh: ['update'],
  upgrade: ['upgrade', '--no-cache'],
  install: ['add', '--no-cache'],
  remove: ['del', '--no-cache'],
};

export const apk: PackageManager = Object.freeze({
  name: 'apk',
  program: 'apk',
  env: Object.freeze({}),
  successCodes: Object.freeze([]),
  argv: (phase: Phase, packages: readonly string[]) => ['apk', ...ARGS[phase], ...packages],
});
