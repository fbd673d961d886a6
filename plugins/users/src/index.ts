/** `users`: accounts of the target root, written straight into its account files (no useradd needed in the image). */
import { ACTION_ORDER, defineAction, definePlugin, s, yipSchema } from '@yipts/core';
import type { Plugin } from '@yipts/core';
import type { AuthorizedKeysOptions } from '@yipts/plugin-authorized-keys';
import { usersAction } from './action.js';

export const PLUGIN_NAME = 'users';

/** The options of `ssh_authorized_keys` fetches, as for the authorized_keys plugin. */
export type UsersOptions = AuthorizedKeysOptions;

/** The options, checked before the plugin is made (an executor configuration's `pluginOptions`). */
export const OPTIONS_SCHEMA = s.object({
  githubUrl: s.describe(s.string(), 'base URL of `github:USER` keys'),
  gitlabUrl: s.describe(s.string(), 'base URL of `gitlab:USER` keys'),
  fetchTimeoutMs: s.describe(s.integer(), 'limit for one key URL in milliseconds'),
});

export default function usersPlugin(options: UsersOptions = {}): Plugin {
  return definePlugin({
    name: PLUGIN_NAME,
    actions: {
      users: defineAction({ schema: yipSchema.actionSchemas.users, order: ACTION_ORDER.USERS, run: usersAction(options) }),
    },
  });
}

export { usersPlugin };
export { parseUseraddDefaults } from './login-defaults.js';
