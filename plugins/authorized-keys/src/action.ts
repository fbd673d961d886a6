/** The `authorized_keys` key: `{user: [keys]}`, users in sorted order, one failing user never stops the next. */
import type { ActionContext } from '@yipts/core';
import { ensureAuthorizedKeys } from './ensure-keys.js';
import type { AuthorizedKeysOptions } from './options.js';

export function authorizedKeysAction(options: AuthorizedKeysOptions) {
  return async (value: Readonly<Record<string, readonly string[]>>, ctx: ActionContext): Promise<void> => {
    for (const user of Object.keys(value).sort()) {
      try {
        await ensureAuthorizedKeys(
          user,
          value[user] ?? [],
          { root: ctx.run.options.root, signal: ctx.signal, note: (m) => ctx.logger.log('info', m) },
          options,
        );
      } catch (error) {
        ctx.report(error);
      }
    }
  };
}
