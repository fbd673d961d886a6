/**
 * `timesyncd`: systemd-timesyncd settings, written as `KEY = value` lines of the `[Time]`
 * section of /etc/systemd/timesyncd.conf.d/10-yip.conf in the target root (merged with what an
 * earlier step put there), mode 0644, atomically.
 */
import { definePlugin, yipActions } from '@yipts/core';
import type { ActionContext, Change, Plugin } from '@yipts/core';
import { mergeFileInRoot } from '@yipts/system';
import { checkEntry, setSectionKeys } from './ini.js';
import { planTimesyncd } from './plan.js';

export const PLUGIN_NAME = 'timesyncd';

export const TIMESYNCD_DROPIN = '/etc/systemd/timesyncd.conf.d/10-yip.conf';

export default function timesyncdPlugin(): Plugin {
  return definePlugin({ name: PLUGIN_NAME, actions: yipActions({ timesyncd: { run: writeTimesyncd, plan: planDropIn } }) });
}

function planDropIn(values: Readonly<Record<string, string>>, ctx: ActionContext): Promise<Change[]> {
  return planTimesyncd(values, ctx, TIMESYNCD_DROPIN);
}

async function writeTimesyncd(values: Readonly<Record<string, string>>, ctx: ActionContext): Promise<void> {
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
}

export { timesyncdPlugin, setSectionKeys };
