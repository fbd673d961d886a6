/** `--help` and `yip help [COMMAND]`: usage, flags (from the flag table), environment, exit codes. */
import type { AnyCommand } from './commands.js';
import { COMMANDS, commandInfo } from './commands.js';
import type { CommandName, Flag } from './flag-table.js';
import { flagsOf } from './flag-table.js';

/** Environment variables the command line reads. */
export const ENVIRONMENT: readonly (readonly [string, string])[] = [
  ['LOGLEVEL', 'how much is logged: error, warning, info (default), debug or trace'],
  ['NO_COLOR', 'set and not empty: no colour in the log, even on a terminal'],
  ['FORCE_COLOR', 'set and not 0: colour in the log, even when stderr is not a terminal'],
];

export const EXIT_CODES: readonly (readonly [string, string])[] = [
  ['0', 'success; also run-stage when a step failed, unless --strict; -a always'],
  [
    '1',
    'a step failed or a source could not be loaded; run-stage: the root could not be prepared or released; a bad configuration; ' +
      'validate: an error was found (with --strict, a warning too)',
  ],
  ['2', 'a usage error (a wrong flag or value); nothing was run, mounted or written'],
  ['65', 'run-stage --strict: a step failed'],
  ['130, 143', 'stopped by SIGINT, SIGTERM (the root is released first)'],
];

export function flagNames(flag: Flag): string {
  const value = flag.kind === 'value' ? ` ${flag.placeholder}` : '';
  return `${flag.short ? `-${flag.short}, ` : '    '}--${flag.long}${value}`;
}

function table(rows: readonly (readonly [string, string])[], width: number): string {
  return rows.map(([a, b]) => `  ${a.padEnd(width)} ${b}`).join('\n');
}

export function helpText(topic: AnyCommand | undefined): string {
  if (topic === undefined || topic === 'run') {
    const others = COMMANDS.filter((c) => c.name !== 'run' && c.name !== 'plan-stage').map((c) => [c.name, c.summary] as const);
    return `${commandHelp('run')}\nCommands (yip help COMMAND tells more):\n${table(others, 12)}\n\n${trailer()}`;
  }
  if (topic === 'run-stage' || topic === 'validate' || topic === 'blame') return `${commandHelp(topic)}\n${trailer()}`;
  if (topic === 'plan' || topic === 'plan-stage') return `${commandHelp('plan')}\n${commandHelp('plan-stage')}\n${trailer()}`;
  const info = commandInfo(topic);
  return `Usage: ${info.usage}\n\n${info.summary}\n`;
}

function commandHelp(command: CommandName): string {
  const info = commandInfo(command);
  const rows = flagsOf(command).map((f) => [flagNames(f), f.help] as const);
  return `Usage: ${info.usage}\n\n${info.summary}\n\nFlags:\n${table(rows, 34)}\n`;
}

function trailer(): string {
  return `Environment:\n${table(ENVIRONMENT, 12)}\n\nExit status:\n${table(EXIT_CODES, 12)}\n`;
}
