/**
 * Plugins named in the executor configuration: a path (relative to the config file) or a
 * package name (resolved from the config file's directory), whose default export is a factory
 * called with the given options; JS configs may also list plugin objects. A plugin that cannot
 * be found, fails to load or throws in its factory is an error naming it. A package that exports
 * `OPTIONS_SCHEMA` has the options checked against it first, as the preset's plugins do.
 */
import { createRequire } from 'node:module';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { checkPluginOptions } from '@yipts/core';
import type { OptionsSchema, Plugin } from '@yipts/core';
import { importModule } from './import-module.js';
import { toPlain } from './to-plain.js';
import { ConfigError } from './load-config.js';
import type { PluginSpec } from './schema.js';

export async function loadPlugins(specs: readonly PluginSpec[], configFile: string | undefined, cwd: string): Promise<Plugin[]> {
  const base = configFile ? dirname(configFile) : cwd;
  const out: Plugin[] = [];
  for (const spec of specs) out.push(await loadOne(spec, base, configFile ?? cwd));
  return out;
}

async function loadOne(spec: PluginSpec, base: string, origin: string): Promise<Plugin> {
  if (isPluginObject(spec)) return spec;
  const [id, options] =
    typeof spec === 'string'
      ? [spec, undefined]
      : Array.isArray(spec)
        ? [String(spec[0]), spec[1]]
        : [String((spec as { name: unknown }).name), (spec as { options?: unknown }).options];
  let location: string;
  try {
    location = id.startsWith('.') || isAbsolute(id) ? resolve(base, id) : createRequire(join(base, 'noop.js')).resolve(id);
  } catch (error) {
    throw new ConfigError(`plugin \`${id}\` (listed in ${origin}) cannot be found: ${firstLine(error)}`);
  }
  let mod: Record<string, unknown>;
  try {
    mod = await importModule(pathToFileURL(location).href);
  } catch (error) {
    throw new ConfigError(`plugin \`${id}\` (${location}) failed to load: ${firstLine(error)}`);
  }
  const factory = mod.default ?? mod.plugin;
  if (isOptionsSchema(mod.OPTIONS_SCHEMA)) checkPluginOptions(id, mod.OPTIONS_SCHEMA, toPlain(options), origin);
  let plugin: unknown;
  try {
    plugin = typeof factory === 'function' ? (factory as (o: unknown) => unknown)(toPlain(options)) : factory;
  } catch (error) {
    throw new ConfigError(`plugin \`${id}\` threw while being created: ${firstLine(error)}`);
  }
  if (!isPluginObject(plugin))
    throw new ConfigError(`plugin \`${id}\` (${location}) does not export a plugin factory as its default export`);
  return plugin;
}

function isPluginObject(value: unknown): value is Plugin {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    typeof (value as { name?: unknown }).name === 'string' &&
    ('actions' in value || 'conditions' in value || 'apply' in value || 'fields' in value)
  );
}

function isOptionsSchema(value: unknown): value is OptionsSchema {
  return typeof value === 'object' && value !== null && typeof (value as { shape?: unknown }).shape === 'object';
}

function firstLine(error: unknown): string {
  return String((error as Error)?.message ?? error).split('\n')[0]!;
}
