/**
 * pacman, for Arch. `--noconfirm` takes the default answer to every question. An upgrade
 * always syncs the databases first (`-Syu`): a partial upgrade is not supported on Arch.
 */
import type { PackageManager, Phase } from './types.js';

const ARGS: Record<Phase, readonly string[]> = {
  refresh: ['-Sy', '--noconfirm'],
  upgrade: ['-Syu', '--noconfirm'],
  install: ['-S', '--noconfirm'],
  remove: ['-R', '--noconfirm'],
};

export const pacman: PackageManager = Object.freeze({
  name: 'pacman',
  program: 'pacman',
  env: Object.freeze({}),
  successCodes: Object.freeze([]),
  argv: (phase: Phase, packages: readonly string[]) => ['pacman', ...ARGS[phase], ...packages],
});
