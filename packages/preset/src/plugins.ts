/**
 * The list of plugins of the yip-compatible composition, in no particular order (the order of
 * actions comes from each plugin's declared ACTION_ORDER, not from this list).
 * One entry per plugin package; each entry passes the part of the preset options it takes.
 */
import type { Plugin } from '@yipts/core';
import commandsPlugin from '@yipts/plugin-commands';
import conditionalsPlugin from '@yipts/plugin-conditionals';
import filesPlugin from '@yipts/plugin-files';
import type { PresetOptions } from './options.js';

export function presetPlugins(options: PresetOptions = {}): Plugin[] {
  const timeout = options.commandTimeoutMs ? { timeoutMs: options.commandTimeoutMs } : {};
  const plugins: Plugin[] = [
    conditionalsPlugin(timeout),
    filesPlugin(),
    commandsPlugin(timeout),
  ];
  return plugins;
}
