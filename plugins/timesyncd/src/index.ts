/**
 * `timesyncd`: systemd-timesyncd settings, written as `KEY = value` lines of the `[Time]`
 * section of /etc/systemd/timesyncd.conf.d/10-yip.conf in the target root (merged with what an
 * earlier step put there), mode 0644, atomically.
 */
import { definePlugin, yipActions } from '@yipts/core';
import type { Plugin } from '@yipts/core';
import { insideRoot, resolveInRoot, withPathLock, writeFileAtomic } from '@yipts/system';
import { mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { checkEntry, setSectionKeys } from './ini.js';
import { planTimesyncd } from './plan.js';

export const PLUGIN_NAME = 'timesyncd';

export const TIMESYNCD_DROPIN = '/etc/systemd/timesyncd.conf.d/10-yip.conf';

export default function timesyncdPlugin(): Plugin {
  return definePlugin({
    name: PLUGIN_NAME,
    actions: yipActions({
      timesyncd: {
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
            const target = await resolveInRoot(root, TIMESYNCD_DROPIN);
            await withPathLock(target, async () => {
              const current = await readFile(target, 'utf8').catch((e: NodeJS.ErrnoException) => {
                if (e.code === 'ENOENT') return '';
                throw e;
              });
              await mkdir(dirname(target), { recursive: true, mode: 0o755 });
              await writeFileAtomic(target, setSectionKeys(current, 'Time', settings), { mode: 0o644 });
            });
            ctx.logger.log('debug', `timesyncd: ${settings.length} setting(s) written to ${insideRoot(root, target)}`);
          } catch (error) {
            throw new Error(`timesyncd ${TIMESYNCD_DROPIN}: ${(error as Error).message}`, { cause: error });
          }
        },
      },
    }),
  });
}

export { timesyncdPlugin, setSectionKeys };
