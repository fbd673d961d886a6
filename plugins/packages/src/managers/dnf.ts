/**
 * dnf, for Fedora and the RHEL family. `refresh` forces the metadata to be fetched again
 * (`--refresh`): plain `makecache` would keep metadata that has not expired yet, which is not
 * what a user asking for a refresh means. Weak dependencies stay out, as in yip.
 */
import type { PackageManager, Phase } from './types.js';

const ARGS: Record<Phase, readonly string[]> = {
  refresh: ['-y', '--refresh', 'makecache'],
  upgrade: ['-y', 'upgrade'],
  install: ['-y', '--setopt=install_weak_deps=False', 'install'],
  remove: ['-y', 'remove'],
};

export const dnf: PackageManager = Object.freeze({
  name: 'dnf',
  program: 'dnf',
  env: Object.freeze({}),
  successCodes: Object.freeze([]),
  argv: (phase: Phase, packages: readonly string[]) => ['dnf', ...ARGS[phase], ...packages],
});
