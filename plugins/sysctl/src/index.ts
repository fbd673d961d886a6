/**
 * `sysctl`: kernel parameters. Always persisted into the target root's /etc/sysctl.d (so they
 * survive a reboot, which yip's live-only write did not); applied live through /proc/sys only
 * when the target root is the host. Inside a chroot the host's kernel is never touched.
 */
import { definePlugin, s, yipActions } from '@yipts/core';
import type { ActionContext, Plugin } from '@yipts/core';
import { isHostRoot, mergeFileInRoot } from '@yipts/system';
import { mergeSysctlConf } from './conf-file.js';
import { applyLive } from './live.js';
import { planSysctl } from './plan.js';
import { checkedSettings } from './settings.js';

export const PLUGIN_NAME = 'sysctl';

export const DEFAULT_SYSCTL_FILE = '/etc/sysctl.d/99-yipts.conf';

export interface SysctlOptions {
  /** The file (inside the target root) the settings are persisted to. */
  readonly file?: string;
  /** Apply to the running kernel when the target root is the host (default true). */
  readonly live?: boolean;
}

/** The options, checked before the plugin is made (an executor configuration's `pluginOptions`). */
export const OPTIONS_SCHEMA = s.object({
  file: s.describe(s.string(), 'file inside the target root the settings are persisted to'),
  live: s.describe(s.boolean(), 'apply to the running kernel when the root is the host'),
});

export default function sysctlPlugin(options: SysctlOptions = {}): Plugin {
  const file = options.file ?? DEFAULT_SYSCTL_FILE;
  const live = options.live ?? true;
  return definePlugin({
    name: PLUGIN_NAME,
    actions: yipActions({
      sysctl: { plan: (values, ctx) => planSysctl(values, ctx, file, live), run: (values, ctx) => applySysctl(values, ctx, file, live) },
    }),
  });
}

async function applySysctl(values: Readonly<Record<string, string>>, ctx: ActionContext, file: string, live: boolean): Promise<void> {
  const settings = checkedSettings(values, ctx);
  if (settings.length === 0) return;
  const root = ctx.run.options.root;
  if (isHostRoot(root) && live) {
    for (const [key, value] of settings) await applyLive(key, value).catch((e: unknown) => ctx.report(e));
  } else if (live) {
    ctx.logger.log('debug', `sysctl: ${settings.length} setting(s) persisted only: the target root is not the running system`);
  }
  await persist(root, file, settings, ctx);
}

async function persist(root: string, file: string, settings: readonly [string, string][], ctx: ActionContext): Promise<void> {
  try {
    const written = await mergeFileInRoot(root, file, (current) => mergeSysctlConf(current, settings));
    ctx.logger.log('debug', `sysctl: ${settings.length} setting(s) persisted to ${written}`);
  } catch (error) {
    ctx.report(new Error(`sysctl: cannot persist to ${file}: ${(error as Error).message}`, { cause: error }));
  }
}

export { sysctlPlugin, mergeSysctlConf };
export { procPath, normalizeKey } from './key.js';
