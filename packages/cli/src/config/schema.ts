/** What an executor configuration file may say, checked with the engine's own schema language. */
import { s } from '@yipts/core';
import type { Infer } from '@yipts/core';

export const ExecutorConfigSchema = s.object({
  preset: s.describe(s.boolean(), 'include the yip-compatible plugins (default true)'),
  disable: s.describe(s.list(s.string()), 'names of preset plugins to leave out'),
  configPaths: s.describe(s.list(s.string()), 'run-stage config paths, replacing /system/oem, /oem, /usr/local/cloud-config'),
  cloudInitPaths: s.describe(s.list(s.string()), 'run-stage config paths read after the default ones'),
  strict: s.describe(s.boolean(), 'run-stage exits 65 when a step failed'),
  logFormat: s.enumOf(['text', 'json'] as const),
  commandTimeout: s.describe(s.string(), 'limit for each command, e.g. 10m'),
  concurrency: s.integer(),
  mount: s.describe(s.unknownValue(), 'deprecated: the options of the mount plugin, now pluginOptions.mount'),
  pluginOptions: s.describe(s.record(s.unknownValue()), 'options per preset plugin name, checked by each plugin'),
});

export type ExecutorConfigFields = Infer<typeof ExecutorConfigSchema>;

/** `plugins` entries: "name-or-path", ["name-or-path", options], or a plugin object (JS configs). */
export type PluginSpec = string | readonly [string, unknown] | { readonly name: string; readonly options?: unknown } | object;
