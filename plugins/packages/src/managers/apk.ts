/**
 * apk, for Alpine. apk never asks questions unless told to; `--no-cache` keeps downloaded
 * indexes and packages out of the image. `refresh` is `apk update`, whose whole point is to
 * fill that cache, so it goes without the flag (as in yip).
 */
import { packageManager } from './define.js';

export const apk = packageManager({
  name: 'apk',
  program: 'apk',
  args: {
    refresh: ['update'],
    upgrade: ['upgrade', '--no-cache'],
    install: ['add', '--no-cache'],
    remove: ['del', '--no-cache'],
  },
});
