/** `users`: accounts of the target root, written straight into its account files (no useradd needed in the image). */
import { ACTION_ORDER, defineAction, definePlugin, yipSchema } from '@yipts/core';
import type { Plugin } from '@yipts/core';
import type { AuthorizedKeysOptions } from '@yipts/plugin-authorized-keys';
import { usersAction } from './action.js';
import { planUsers } from './plan.js';

export const PLUGIN_NAME = 'users';

/** The options of `ssh_authorized_keys` fetches, as for the authorized_keys plugin. */
export type UsersOptions = AuthorizedKeysOptions;

export default function usersPlugin(options: UsersOptions = {}): Plugin {
  return definePlugin({
    name: PLUGIN_NAME,
    actions: {
      users: defineAction({ schema: yipSchema.actionSchemas.users, order: ACTION_ORDER.USERS, run: usersAction(options), plan: planUsers }),
    },
  });
}

export { usersPlugin };
export { parseUseraddDefaults } from './login-defaults.js';
