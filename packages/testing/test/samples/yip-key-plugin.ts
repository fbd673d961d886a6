import { definePlugin, yipActions } from '@yipts/core';
import type { ActionContext, Plugin } from '@yipts/core';

export const PLUGIN_NAME = 'announce';

/** Owns yip's `hostname` and `dns` keys in place of the built-in plugins: it says what they hold and sets nothing. */
export default function announcePlugin(): Plugin {
  return definePlugin({
    name: PLUGIN_NAME,
    // `hostname` is a string and runs at ACTION_ORDER.HOSTNAME, `dns` a mapping at ACTION_ORDER.DNS, as in yip.
    actions: yipActions({ hostname: { run: announceHostname }, dns: { run: announceNameservers } }),
  });
}

function announceHostname(name: string, ctx: ActionContext): void {
  ctx.logger.log('info', `host name: ${ctx.render(name)}`);
}

function announceNameservers(dns: { readonly nameservers?: readonly string[] }, ctx: ActionContext): void {
  ctx.logger.log('info', `nameservers: ${(dns.nameservers ?? []).join(' ')}`);
}
