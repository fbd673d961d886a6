/**
 * The executor's own configuration (not the YAML stages): which plugins to load and with what
 * options, default config paths, strict mode, log format. Looked up with
 * cosmiconfig: `--config FILE`, else `yip.config.{json,yaml,yml,js,mjs,cjs}`, `.yiprc*` or
 * `package.json#yip` in the working directory, else the same names in /etc/yipts/.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { importModule } from './import-module.js';
import type { Diagnostic, YNode } from '@yipts/core';
import { plainToNode, s, YiptsError } from '@yipts/core';
import type { ExecutorConfigFields, PluginSpec } from './schema.js';
import { ExecutorConfigSchema } from './schema.js';

export const SEARCH_PLACES = [
  'package.json',
  '.yiprc',
  '.yiprc.json',
  '.yiprc.yaml',
  '.yiprc.yml',
  '.yiprc.js',
  '.yiprc.mjs',
  '.yiprc.cjs',
  'yip.config.json',
  'yip.config.yaml',
  'yip.config.yml',
  'yip.config.js',
  'yip.config.mjs',
  'yip.config.cjs',
];

export const SYSTEM_CONFIG_DIR = '/etc/yipts';

export interface ExecutorConfig extends Omit<ExecutorConfigFields, 'mount' | 'pluginOptions'> {
  /** Options per preset plugin name, as written (each plugin's schema checks its own). */
  readonly pluginOptions?: Record<string, unknown> | undefined;
  readonly plugins: readonly PluginSpec[];
  /** The file it came from; plugin paths are relative to its directory. */
  readonly filepath: string | undefined;
  /** Unknown keys and the like, for the log. */
  readonly warnings?: readonly string[];
}

/** The executor configuration cannot be read or is invalid. */
export class ConfigError extends YiptsError {
  override name = 'ConfigError';
  constructor(reason: string) {
    super(reason, { code: 'config' });
  }
}

const EMPTY: ExecutorConfig = { plugins: [], filepath: undefined };

export async function loadExecutorConfig(options: { file?: string | undefined; cwd: string; systemDir?: string }): Promise<ExecutorConfig> {
  const dirs = [options.cwd, options.systemDir ?? SYSTEM_CONFIG_DIR];
  // cosmiconfig is only loaded when there is something to read: this runs at every boot stage.
  if (!options.file && !dirs.some((d) => SEARCH_PLACES.some((p) => existsSync(join(d, p))))) return EMPTY;
  const { cosmiconfig } = await import('cosmiconfig');
  const loadJs = async (filepath: string) => {
    const mod = await importModule(pathToFileURL(filepath).href);
    return mod.default ?? mod;
  };
  const explorer = cosmiconfig('yip', {
    searchPlaces: SEARCH_PLACES,
    searchStrategy: 'none',
    cache: false,
    loaders: { '.js': loadJs, '.mjs': loadJs, '.cjs': loadJs },
  });
  let found: { config: unknown; filepath: string } | null = null;
  try {
    if (options.file) found = await explorer.load(resolve(options.cwd, options.file));
    else {
      for (const dir of dirs) {
        found = await explorer.search(dir);
        if (found) break;
      }
    }
  } catch (error) {
    throw new ConfigError(`cannot read the executor configuration${options.file ? ` ${options.file}` : ''}: ${(error as Error).message}`);
  }
  if (!found || found.config === undefined || found.config === null) return options.file ? { ...EMPTY, filepath: found?.filepath } : EMPTY;
  return interpret(found.config, found.filepath);
}

function interpret(raw: unknown, filepath: string): ExecutorConfig {
  if (typeof raw !== 'object' || Array.isArray(raw)) throw new ConfigError(`${filepath}: the executor configuration must be a mapping`);
  const { plugins, ...rest } = raw as Record<string, unknown>;
  const diagnostics: Diagnostic[] = [];
  const checked = ExecutorConfigSchema.check(plainToNode(rest), { file: filepath, diagnostics });
  const errors = diagnostics.filter((d) => d.severity === 'error');
  if (checked === s.INVALID || errors.length) throw new ConfigError(errors.map((d) => `${filepath}: ${d.message}`).join('\n'));
  const warnings = diagnostics.map((w) => `${filepath}: ${w.message}`);
  if (plugins !== undefined && !Array.isArray(plugins)) throw new ConfigError(`${filepath}: \`plugins\` must be a list`);
  // Option bags are passed on as written, not as checked nodes: each plugin's schema checks them.
  let pluginOptions = rest.pluginOptions as Record<string, unknown> | undefined;
  const { mount: _mount, ...fields } = checked;
  if (rest.mount !== undefined) {
    // The mount plugin's options once had a key of their own; they are a plugin's options like any other.
    warnings.push(`${filepath}: \`mount\` is deprecated; write its options under \`pluginOptions.mount\``);
    const own = (pluginOptions?.mount ?? {}) as Record<string, unknown>;
    pluginOptions = { ...pluginOptions, mount: { ...(rest.mount as Record<string, unknown>), ...own } };
  }
  return { ...fields, pluginOptions, plugins: (plugins ?? []) as PluginSpec[], filepath, warnings };
}

export type { YNode };
