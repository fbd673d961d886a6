/** What reaches the user when the command line cannot run: one line, and the exit status. */
import { CompositionError, PluginOptionsError } from '@yipts/core';
import { EXIT_FAILURE, EXIT_USAGE } from '@yipts/preset';
import { commandInfo } from './commands.js';
import { ConfigError } from './config/load-config.js';
import type { CliIO } from './io.js';
import { UsageError } from './parse-command-line.js';

export function reportError(io: CliIO, error: unknown): number {
  if (error instanceof UsageError) {
    const help = error.command === 'run' ? 'yip help' : `yip help ${error.command === 'plan-stage' ? 'plan' : error.command}`;
    io.stderr(`yip: ${error.message}\nUsage: ${commandInfo(error.command).usage}\nRun '${help}' for more.\n`);
    // For plan, 2 means "something would change": a usage error there is an error like any other.
    return error.command === 'plan' || error.command === 'plan-stage' ? EXIT_FAILURE : EXIT_USAGE;
  }
  const known = error instanceof ConfigError || error instanceof CompositionError || error instanceof PluginOptionsError;
  io.stderr(`yip: ${known ? (error as Error).message : ((error as Error)?.message ?? String(error))}\n`);
  return EXIT_FAILURE;
}
