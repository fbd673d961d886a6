import { definePlugin, NO_OPTIONS, yipAction } from '@yipts/core';
import type { NoOptions, Plugin } from '@yipts/core';

export const PLUGIN_NAME = 'announce-hostname';

export const OPTIONS_SCHEMA = NO_OPTIONS;

/** Owns yip's `hostname` key in place of the built-in plugin: it says the name and sets nothing. */
export default function announceHostnamePlugin(_options: NoOptions = {}): Plugin {
  return definePlugin({
    name: PLUGIN_NAME,
    actions: {
      // The value is a string and the key runs at ACTION_ORDER.HOSTNAME, as in yip.
      hostname: yipAction('hostname', {
        run: (name, ctx) => ctx.logger.log('info', `host name: ${ctx.render(name)}`),
      }),
    },
  });
}
