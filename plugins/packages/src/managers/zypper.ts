/**
 * zypper, for openSUSE and SUSE. `--non-interactive` answers every question with its default;
 * `-y` is kept on the subcommands as yip passes it. Exit codes 102 (reboot needed) and 103
 * (zypper updated itself) report a successful transaction, not a failure.
 */
import type { PackageManager, Phase } from './types.js';

const ARGS: Record<Phase, readonly string[]> = {
  refresh: ['refresh'],
  upgrade: ['update', '-y'],
  install: ['install', '-y', '--no-recommends'],
  remove: ['remove', '-y'],
};

export const zypper: PackageManager = Object.freeze({
  name: 'zypper',
  program: 'zypper',
  env: Object.freeze({}),
  successCodes: Object.freeze([102, 103]),
  argv: (phase: Phase, packages: readonly string[]) => ['zypper', '--non-interactive', ...ARGS[phase], ...packages],
});
