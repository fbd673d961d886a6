/** The executor `yipts plan` uses: the same plugins and options a run would have, from the executor configuration. */
import { createExecutor, parseLogLevel } from '@yipts/core';
import type { Executor, Logger } from '@yipts/core';
import { presetPlugins } from '@yipts/preset';
import type { ParsedArgs } from '../args.js';
import { flagValue, hasFlag, parseDuration } from '../args.js';
import { loadExecutorConfig } from '../config/load-config.js';
import type { ExecutorConfig } from '../config/load-config.js';
import { loadPlugins } from '../config/load-plugins.js';
import { stderrLogger, useColour } from '../log-format.js';
import type { CliIO } from '../main.js';

export interface PlanSetup {
  readonly executor: Executor;
  readonly logger: Logger;
  readonly config: ExecutorConfig;
}

export async function planExecutor(args: ParsedArgs, io: CliIO): Promise<PlanSetup> {
  const config = await loadExecutorConfig({ file: flagValue(args, 'config'), cwd: process.cwd() });
  const logger = stderrLogger({
    level: parseLogLevel(io.env.LOGLEVEL),
    colour: useColour(process.stderr, io.env),
    write: io.stderr,
    format: (flagValue(args, 'log-format') ?? config.logFormat) === 'json' ? 'json' : 'text',
  });
  for (const warning of config.warnings ?? []) logger.log('warning', warning);
  const timeout = flagValue(args, 'command-timeout') ?? config.commandTimeout;
  const cmdline = hasFlag(args, 'no-cmdline')
    ? { cmdline: false as const }
    : flagValue(args, 'cmdline')
      ? { cmdline: flagValue(args, 'cmdline') }
      : {};
  const disabled = new Set(config.disable ?? []);
  const preset = presetPlugins({
    ...(timeout ? { commandTimeoutMs: parseDuration(timeout) } : {}),
    mount: { ...cmdline, ...config.mount },
    ...(config.pluginOptions ? { plugins: config.pluginOptions } : {}),
  });
  const plugins = [
    ...(config.preset === false ? [] : preset.filter((p) => !disabled.has(p.name))),
    ...(await loadPlugins(config.plugins, config.filepath, process.cwd())),
  ];
  const executor = createExecutor({ plugins, logger, ...(config.concurrency ? { concurrency: config.concurrency } : {}) });
  return { executor, logger, config };
}
