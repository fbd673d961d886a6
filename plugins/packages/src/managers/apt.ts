/**
 * apt-get, for Debian and Ubuntu. Nothing may ever wait for an answer: `-y` for apt's own
 * questions, DEBIAN_FRONTEND for debconf's, and the dpkg options for changed configuration
 * files (keep the image's version unless the package's default is untouched).
 */
import type { PackageManager, Phase } from './types.js';

const DPKG_OPTIONS = ['-o', 'Dpkg::Options::=--force-confdef', '-o', 'Dpkg::Options::=--force-confold'];

const ARGS: Record<Phase, readonly string[]> = {
  refresh: ['-y', 'update'],
  upgrade: ['-y', ...DPKG_OPTIONS, 'upgrade'],
  install: ['-y', ...DPKG_OPTIONS, '--no-install-recommends', 'install'],
  remove: ['-y', ...DPKG_OPTIONS, 'remove'],
};

export const apt: PackageManager = Object.freeze({
  name: 'apt',
  program: 'apt-get',
  env: Object.freeze({ DEBIAN_FRONTEND: 'noninteractive' }),
  successCodes: Object.freeze([]),
  argv: (phase: Phase, packages: readonly string[]) => ['apt-get', ...ARGS[phase], ...packages],
});
