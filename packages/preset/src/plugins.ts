/**
 * The plugins of the yip-compatible composition, made with checked options. A plugin name that
 * the preset does not have, in `disable` or in `plugins`, is an error with the nearest name: a
 * misspelt `disable: [downlods]` would otherwise keep the plugin it meant to drop.
 */
import { checkPluginOptions, didYouMean, PluginOptionsError } from '@yipts/core';
import type { Plugin } from '@yipts/core';
import { PRESET, PRESET_NAMES } from './catalogue.js';
import type { PresetOptions } from './options.js';

/** Plugins whose `timeoutMs` option bounds the commands they run. */
const COMMAND_RUNNERS = new Set(['commands', 'conditionals', 'packages', 'modules', 'systemd-firstboot', 'systemctl']);

export function presetPlugins(options: PresetOptions = {}): Plugin[] {
  const given = options.plugins ?? {};
  const disabled = new Set(options.disable ?? []);
  checkNames(Object.keys(given), 'pluginOptions', options.origin);
  checkNames([...disabled], 'disable', options.origin);
  const plugins: Plugin[] = [];
  for (const entry of PRESET) {
    const own = given[entry.name];
    checkPluginOptions(entry.name, entry.schema, own, options.origin);
    if (disabled.has(entry.name)) continue;
    plugins.push(entry.make({ ...defaultsFor(entry.name, options), ...(own as object | undefined) }));
  }
  return plugins;
}

function defaultsFor(name: string, options: PresetOptions): Record<string, unknown> {
  if (COMMAND_RUNNERS.has(name) && options.commandTimeoutMs !== undefined) return { timeoutMs: options.commandTimeoutMs };
  if (name === 'mount' && options.cmdline !== undefined) return { cmdline: options.cmdline };
  return {};
}

function checkNames(names: readonly string[], where: string, origin: string | undefined): void {
  for (const name of names) {
    if (PRESET_NAMES.includes(name)) continue;
    const hint = didYouMean(name, PRESET_NAMES) || ` (plugins: ${PRESET_NAMES.join(', ')})`;
    throw new PluginOptionsError(name, undefined, `${origin ? `${origin}: ` : ''}${where}: no plugin is named \`${name}\`${hint}`);
  }
}
