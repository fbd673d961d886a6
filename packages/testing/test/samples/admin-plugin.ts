import { ACTION_ORDER, defineAction, definePlugin, s } from '@yipts/core';
import type { Plugin } from '@yipts/core';

/** `admin: { login, key }`: an administrator, made by whichever plugins own `users` and `authorized_keys`. */
export default function adminPlugin(): Plugin {
  return definePlugin({
    name: 'admin',
    actions: {
      admin: defineAction({
        schema: s.object({ login: s.string(), key: s.string() }, { required: ['login', 'key'] }),
        order: ACTION_ORDER.USERS - 10,
        run: async ({ login, key }, ctx) => {
          // Typed by yip's schemas: `users` takes user specs, `authorized_keys` lists of keys.
          if (!(await ctx.perform('users', { [login]: { groups: ['wheel'], lock_passwd: true } }))) return;
          await ctx.perform('authorized_keys', { [login]: [key] });
        },
      }),
    },
  });
}
