/** `users`: accounts of the target root, written straight into its account files (no useradd needed in the image). */
import { definePlugin, NO_OPTIONS, yipAction } from '@yipts/core';
import type { NoOptions, Plugin } from '@yipts/core';
import { usersAction } from './action.js';
import { planUsers } from './plan.js';

export const PLUGIN_NAME = 'users';

/** None: `ssh_authorized_keys` are written, and fetched, by the plugin that owns `authorized_keys`. */
export type UsersOptions = NoOptions;

/** It takes no options (key fetching is configured on the authorized-keys plugin): any given is an error. */
export const OPTIONS_SCHEMA = NO_OPTIONS;

export default function usersPlugin(_options: UsersOptions = {}): Plugin {
  return definePlugin({
    name: PLUGIN_NAME,
    actions: {
      users: yipAction('users', { run: usersAction, plan: planUsers }),
    },
  });
}

export { usersPlugin };
export { parseUseraddDefaults } from './login-defaults.js';
