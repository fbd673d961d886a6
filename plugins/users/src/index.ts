/** `users`: accounts of the target root, written straight into its account files (no useradd needed in the image). */
import { ACTION_ORDER, defineAction, definePlugin, s, yipSchema } from '@yipts/core';
import type { Plugin } from '@yipts/core';
import { usersAction } from './action.js';
import { planUsers } from './plan.js';

export const PLUGIN_NAME = 'users';

/** None: `ssh_authorized_keys` are written, and fetched, by the plugin that owns `authorized_keys`. */
export type UsersOptions = Record<string, never>;

/** It takes no options (key fetching is configured on the authorized-keys plugin): any given is an error. */
export const OPTIONS_SCHEMA = s.object({});

export default function usersPlugin(_options: UsersOptions = {}): Plugin {
  return definePlugin({
    name: PLUGIN_NAME,
    actions: {
      users: defineAction({ schema: yipSchema.actionSchemas.users, order: ACTION_ORDER.USERS, run: usersAction, plan: planUsers }),
    },
  });
}

export { usersPlugin };
export { parseUseraddDefaults } from './login-defaults.js';
