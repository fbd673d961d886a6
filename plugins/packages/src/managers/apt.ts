/**
 * apt-get, for Debian and Ubuntu. Nothing may ever wait for an answer: `-y` for apt's own
 * questions, DEBIAN_FRONTEND for debconf's, and the dpkg options for changed configuration
 * files (keep the image's version unless the package's default is untouched).
 */
import { packageManager } from './define.js';

const DPKG_OPTIONS = ['-o', 'Dpkg::Options::=--force-confdef', '-o', 'Dpkg::Options::=--force-confold'];

export const apt = packageManager({
  name: 'apt',
  program: 'apt-get',
  args: {
    refresh: ['-y', 'update'],
    upgrade: ['-y', ...DPKG_OPTIONS, 'upgrade'],
    install: ['-y', ...DPKG_OPTIONS, '--no-install-recommends', 'install'],
    remove: ['-y', ...DPKG_OPTIONS, 'remove'],
  },
  env: { DEBIAN_FRONTEND: 'noninteractive' },
});
