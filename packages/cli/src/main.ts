/**
 * The `yip` command line: parses the flags once, builds the plugins from the executor
 * configuration, hands the work to the run commands and maps what they return to an exit status.
 */
import { parseLogLevel, redactingLogger } from '@yipts/core';
import { EXIT_OK } from '@yipts/preset';
import { completionScript } from './completion.js';
import { executorConfigJsonSchema } from './config/config-schema.js';
import { loadExecutorConfig } from './config/load-config.js';
import { buildPlugins } from './build-plugins.js';
import type { CommandName, FlagValues } from './flag-table.js';
import { helpText } from './help.js';
import type { CliIO } from './io.js';
import { processIO } from './io.js';
import { liveLine } from './live-line.js';
import { stderrLogger, useColour, useFrames } from './log-format.js';
import { manPage } from './man-page.js';
import type { Request } from './parse-command-line.js';
import { parseCommandLine, UsageError } from './parse-command-line.js';
import { reportError } from './report-error.js';
import { runSources } from './run-sources.js';
import { runStageCommand } from './run-stage-command.js';
import { settingsOf } from './settings.js';
import { VERSION } from './version.js';

export type { CliIO } from './io.js';

export async function main(argv: readonly string[], io: CliIO = processIO()): Promise<number> {
  let request: Request;
  try {
    request = parseCommandLine(argv);
    const text = informational(request);
    if (text !== undefined) {
      io.stdout(text);
      return EXIT_OK;
    }
    if (!('flags' in request)) return EXIT_OK;
    checkPositionals(request.command, request.flags, request.positionals);
  } catch (error) {
    return reportError(io, error);
  }
  try {
    return await execute(request, argv, io);
  } catch (error) {
    return reportError(io, error);
  }
}

/** The output of the commands and flags that only print something. */
function informational(request: Request): string | undefined {
  switch (request.command) {
    case 'help':
      return helpText(request.topic);
    case 'version':
      return `yipts version ${VERSION}\nnode ${process.version} (${process.platform}/${process.arch})\n`;
    case 'completion':
      return completionScript(request.shell);
    case 'man':
      return manPage();
  }
  if (request.flags.help) return helpText(request.command);
  // The format of yip's --version (cobra's), which scripts may read.
  if (request.flags.version) return `yip version ${VERSION}\n`;
  if (request.flags.configSchema) return `${JSON.stringify(executorConfigJsonSchema(), null, 2)}\n`;
  return undefined;
}

function checkPositionals(command: CommandName, flags: FlagValues, positionals: readonly string[]): void {
  if (command === 'blame') {
    if (positionals.length !== 1) throw new UsageError('blame takes exactly one FILE (a report written by --report)', command);
    return;
  }
  if ((command === 'plan' || command === 'plan-stage') && flags.format === 'github') {
    throw new UsageError('--format github is a format of yip validate; plan prints text or json', command);
  }
  const stage = command === 'run-stage' || command === 'plan-stage';
  if (stage && positionals.length !== 1)
    throw new UsageError(`${command === 'run-stage' ? 'run-stage' : 'plan run-stage'} takes exactly one STAGE`, command);
  if (!stage && positionals.length === 0 && !flags.jsonSchema) throw new UsageError('no source given', command);
}

async function execute(request: Extract<Request, { command: CommandName }>, argv: readonly string[], io: CliIO): Promise<number> {
  const { flags, positionals } = request;
  // blame reads a report and nothing else: no configuration, no plugins.
  if (request.command === 'blame') return (await import('./report/blame.js')).blameCommand(positionals[0]!, flags.top, io);
  const config = await loadExecutorConfig({ file: flags.config, cwd: io.cwd });
  const settings = settingsOf(flags, config);
  // On a terminal, a line at the bottom shows the steps running (a plugin of the command line's own).
  const runs = (request.command === 'run' || request.command === 'run-stage') && !flags.analyze && settings.logFormat === 'text';
  const live = runs && process.stderr.isTTY ? liveLine(io.stderr, () => process.stderr.columns || 80) : undefined;
  // Every line of the command line's own log is redacted too, not only the engine's records.
  const logger = redactingLogger(
    stderrLogger({
      level: parseLogLevel(io.env.LOGLEVEL),
      colour: useColour(process.stderr, io.env),
      write: live?.write ?? io.stderr,
      format: settings.logFormat,
      frames: useFrames(process.stderr),
    }),
  );
  for (const warning of config.warnings ?? []) logger.log('warning', warning);
  const plugins = [...(await buildPlugins(config, settings, io.cwd)), ...(live ? [live.plugin] : [])];
  const run = { flags, settings, plugins, logger, argv };
  // Loaded on use: a boot-time run never pays for the plan command and its diff library.
  if (request.command === 'plan' || request.command === 'plan-stage')
    return (await import('./plan/command.js')).planCommand(request.command, run, positionals, io);
  if (request.command === 'validate') return (await import('./validate/command.js')).validateCommand(run, positionals, io);
  if (request.command === 'run-stage') return runStageCommand({ ...run, stage: positionals[0]! }, io);
  return runSources({ ...run, sources: positionals }, io);
}
export { consoleLogger, stderrLogger, useColour, useFrames } from './log-format.js';
export type { StderrLoggerOptions } from './log-format.js';
