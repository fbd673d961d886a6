/**
 * pacman, for Arch. `--noconfirm` takes the default answer to every question. An upgrade
 * always syncs the databases first (`-Syu`): a partial upgrade is not supported on Arch.
 */
import { packageManager } from './define.js';

export const pacman = packageManager({
  name: 'pacman',
  program: 'pacman',
  args: {
    refresh: ['-Sy', '--noconfirm'],
    upgrade: ['-Syu', '--noconfirm'],
    install: ['-S', '--noconfirm'],
    remove: ['-R', '--noconfirm'],
  },
});
