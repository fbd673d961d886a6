/**
 * zypper, for openSUSE and SUSE. `--non-interactive` answers every question with its default;
 * `-y` is kept on the subcommands as yip passes it. Exit codes 102 (reboot needed) and 103
 * (zypper updated itself) report a successful transaction, not a failure.
 */
import { packageManager } from './define.js';

export const zypper = packageManager({
  name: 'zypper',
  program: 'zypper',
  commonArgs: ['--non-interactive'],
  args: {
    refresh: ['refresh'],
    upgrade: ['update', '-y'],
    install: ['install', '-y', '--no-recommends'],
    remove: ['remove', '-y'],
  },
  successCodes: [102, 103],
});
