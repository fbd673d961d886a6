/**
 * `timesyncd`: systemd-timesyncd settings, written as `KEY = value` lines of the `[Time]`
 * section of /etc/systemd/timesyncd.conf.d/10-yip.conf in the target root (merged with what an
 * earlier step put there), mode 0644, atomically.
 */
import { ACTION_ORDER, defineAction, definePlugin, s, yipSchema } from '@yipts/core';
import type { Plugin } from '@yipts/core';
import { mergeFileInRoot } from '@yipts/system';
import { checkEntry, setSectionKeys } from './ini.js';
import { planTimesyncd } from './plan.js';

export const PLUGIN_NAME = 'timesyncd';

export const TIMESYNCD_DROPIN = '/etc/systemd/timesyncd.conf.d/10-yip.conf';

export type TimesyncdOptions = Record<string, never>;

/** It takes no options: any given is an error. */
export const OPTIONS_SCHEMA = s.object({});

export default function timesyncdPlugin(_options: TimesyncdOptions = {}): Plugin {
  return definePlugin({
    name: PLUGIN_NAME,
    actions: {
      timesyncd: defineAction({
        schema: yipSchema.actionSchemas.timesyncd,
        order: ACTION_ORDER.TIMESYNCD,
        plan: (values, ctx) => planTimesyncd(values, ctx, TIMESYNCD_DROPIN),
        run: async (values, ctx) => {
          const settings: [string, string][] = [];
          for (const [key, value] of Object.entries(values)) {
            try {
              checkEntry(key, value);
              settings.push([key, value]);
            } catch (error) {
              ctx.report(new Error(`timesyncd: ${(error as Error).message}`, { cause: error }));
            }
          }
          if (settings.length === 0) return;
          const root = ctx.run.options.root;
          try {
            const written = await mergeFileInRoot(root, TIMESYNCD_DROPIN, (current) => setSectionKeys(current ?? '', 'Time', settings));
            ctx.logger.log('debug', `timesyncd: ${settings.length} setting(s) written to ${written}`);
          } catch (error) {
            throw new Error(`timesyncd ${TIMESYNCD_DROPIN}: ${(error as Error).message}`, { cause: error });
          }
        },
      }),
    },
  });
}

export { timesyncdPlugin, setSectionKeys };
