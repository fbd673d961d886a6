/** `authorized_keys`: SSH public keys for users of the target root. */
import { definePlugin, yipActions } from '@yipts/core';
import type { Plugin } from '@yipts/core';
import { authorizedKeysAction } from './action.js';
import type { AuthorizedKeysOptions } from './options.js';

export const PLUGIN_NAME = 'authorized-keys';

export type { AuthorizedKeysOptions } from './options.js';

export default function authorizedKeysPlugin(options: AuthorizedKeysOptions = {}): Plugin {
  return definePlugin({ name: PLUGIN_NAME, actions: yipActions({ authorized_keys: { run: authorizedKeysAction(options) } }) });
}

export { authorizedKeysPlugin };
export { OPTIONS_SCHEMA } from './options.js';
