/**
 * What a run is given: the flags, over the executor configuration, over the defaults. Values
 * from the configuration get the same checks as the flags; a wrong one names the file.
 */
import type { ExecutorConfig } from './config/load-config.js';
import { ConfigError } from './config/load-config.js';
import type { FlagValues } from './flag-table.js';
import { duration, positiveInteger } from './flag-values.js';

export interface Settings {
  readonly root: string;
  readonly concurrency: number | undefined;
  readonly commandTimeoutMs: number | undefined;
  readonly logFormat: 'text' | 'json';
  readonly strict: boolean;
  readonly configPaths: readonly string[] | undefined;
  readonly cloudInitPaths: readonly string[];
  /** The kernel command line file of run-stage; `false`: none. */
  readonly cmdline: string | false | undefined;
}

export function settingsOf(flags: FlagValues, config: ExecutorConfig): Settings {
  return {
    root: flags.root ?? '/',
    concurrency: flags.concurrency ?? fromConfig(config, 'concurrency', (v) => positiveInteger(String(v))),
    commandTimeoutMs: flags.commandTimeout ?? fromConfig(config, 'commandTimeout', (v) => duration(String(v))),
    logFormat: flags.logFormat ?? config.logFormat ?? 'text',
    strict: flags.strict || config.strict === true,
    configPaths: config.configPaths,
    cloudInitPaths: [...(config.cloudInitPaths ?? []), ...(flags.cloudInitPaths ?? [])],
    cmdline: flags.noCmdline ? false : flags.cmdline,
  };
}

type Check<K extends keyof ExecutorConfig, T> = (value: NonNullable<ExecutorConfig[K]>) => T;

function fromConfig<K extends keyof ExecutorConfig, T>(config: ExecutorConfig, key: K, check: Check<K, T>): T | undefined {
  const value = config[key];
  if (value === undefined || value === null) return undefined;
  try {
    return check(value as NonNullable<ExecutorConfig[K]>);
  } catch (error) {
    throw new ConfigError(`${config.filepath ?? 'executor configuration'}: \`${String(key)}\` ${(error as Error).message}`);
  }
}
