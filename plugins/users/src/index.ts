/** `users`: accounts of the target root, written straight into its account files (no useradd needed in the image). */
import { definePlugin, yipActions } from '@yipts/core';
import type { Plugin } from '@yipts/core';
import { usersAction } from './action.js';
import { planUsers } from './plan.js';

export const PLUGIN_NAME = 'users';

/**
 * It takes no options: `ssh_authorized_keys` are written, and fetched, by the plugin that owns
 * `authorized_keys`, which is where key fetching is configured.
 */
export default function usersPlugin(): Plugin {
  return definePlugin({ name: PLUGIN_NAME, actions: yipActions({ users: { run: usersAction, plan: planUsers } }) });
}

export { usersPlugin };
export { parseUseraddDefaults } from './login-defaults.js';
