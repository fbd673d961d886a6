/** The commands of the command line, with their usage lines and what they do. */
import type { CommandName } from './flag-table.js';

export type AnyCommand = CommandName | 'help' | 'version' | 'completion' | 'man';

export interface CommandInfo {
  readonly name: AnyCommand;
  readonly usage: string;
  readonly summary: string;
}

export const COMMANDS: readonly CommandInfo[] = [
  {
    name: 'run',
    usage: 'yip [-s STAGE] [-a] [-d] [--root DIR] SOURCE...',
    summary: 'Runs the steps of a stage from YAML files, directories, http(s) URLs or - (stdin); each source is its own run, in order.',
  },
  {
    name: 'run-stage',
    usage: 'yip run-stage [--strict] [--root DIR] [--cloud-init-paths PATH]... [--cmdline FILE] STAGE',
    summary:
      'Runs STAGE.before, STAGE and STAGE.after over /system/oem, /oem, /usr/local/cloud-config (inside the root), the extra paths, ' +
      'and the kernel command line.',
  },
  {
    name: 'plan',
    usage: 'yip plan [-s STAGE] [--root DIR] [--run-conditions] [--fetch] [--format text|json] SOURCE...',
    summary: 'Shows what the stage would change, as a diff, and changes nothing. Exit status 0: nothing would change, 2: something would.',
  },
  {
    name: 'plan-stage',
    usage: 'yip plan run-stage [--root DIR] [--cloud-init-paths PATH]... [--cmdline FILE] [--run-conditions] [--format text|json] STAGE',
    summary: 'Shows what run-stage STAGE would change, as a diff, and changes nothing.',
  },
  {
    name: 'validate',
    usage: 'yip validate [--strict] [--format text|json|github] [--config FILE] SOURCE...',
    summary:
      'Checks every stage of every file of the sources (local files and directories) with the plugins in use, runs and mounts ' +
      'nothing, and prints each finding as file:line:col: severity: message. Exit status 1 when an error was found.',
  },
  {
    name: 'blame',
    usage: 'yip blame [--top N] FILE',
    summary: 'Lists the steps of a timings report (written by --report) from the slowest: duration, file (step id), stage.',
  },
  { name: 'help', usage: 'yip help [COMMAND]', summary: 'Shows the help of the command line or of one command.' },
  { name: 'version', usage: 'yip version', summary: 'Prints the version of yipts and of Node.js.' },
  { name: 'completion', usage: 'yip completion bash|zsh', summary: 'Prints a completion script for bash or zsh.' },
  { name: 'man', usage: 'yip man', summary: 'Prints the manual page (roff).' },
];

// `plan-stage` is spelt `plan run-stage`: a form of `plan`, not a command of its own.
export const SUBCOMMANDS = COMMANDS.filter((c) => c.name !== 'run' && c.name !== 'plan-stage').map((c) => c.name);

export function commandInfo(name: AnyCommand): CommandInfo {
  return COMMANDS.find((c) => c.name === name)!;
}

export const COMPLETION_SHELLS = ['bash', 'zsh'] as const;
export type Shell = (typeof COMPLETION_SHELLS)[number];
