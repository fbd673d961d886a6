/**
 * dnf, for Fedora and the RHEL family. `refresh` forces the metadata to be fetched again
 * (`--refresh`): plain `makecache` would keep metadata that has not expired yet, which is not
 * what a user asking for a refresh means. Weak dependencies stay out, as in yip.
 */
import { packageManager } from './define.js';

export const dnf = packageManager({
  name: 'dnf',
  program: 'dnf',
  args: {
    refresh: ['-y', '--refresh', 'makecache'],
    upgrade: ['-y', 'upgrade'],
    install: ['-y', '--setopt=install_weak_deps=False', 'install'],
    remove: ['-y', 'remove'],
  },
});
