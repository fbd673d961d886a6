/** The plugins of this command line: the preset (unless turned off), then those the executor configuration lists. */
import type { Plugin } from '@yipts/core';
import { presetPlugins } from '@yipts/preset';
import type { ExecutorConfig } from './config/load-config.js';
import { loadPlugins } from './config/load-plugins.js';
import type { Settings } from './settings.js';

export async function buildPlugins(config: ExecutorConfig, settings: Settings, cwd: string): Promise<Plugin[]> {
  const preset =
    config.preset === false
      ? []
      : presetPlugins({
          ...(settings.commandTimeoutMs !== undefined ? { commandTimeoutMs: settings.commandTimeoutMs } : {}),
          ...(config.pluginOptions ? { plugins: config.pluginOptions } : {}),
          ...(config.disable ? { disable: config.disable } : {}),
          ...(settings.cmdline !== undefined ? { cmdline: settings.cmdline } : {}),
          ...(config.filepath ? { origin: config.filepath } : {}),
        });
  return [...preset, ...(await loadPlugins(config.plugins, config.filepath, cwd))];
}
