/**
 * The command line, parsed once (node:util parseArgs) into a typed request: the command, every
 * flag's checked value and the positionals. Any problem is a UsageError naming the flag: exit
 * status 2, before anything is read, mounted or written. Flags may come before or after the
 * sources and `--` ends them, as with yip's command line.
 */
import { parseArgs } from 'node:util';
import { didYouMean, YiptsError } from '@yipts/core';
import type { AnyCommand, Shell } from './commands.js';
import { COMPLETION_SHELLS, SUBCOMMANDS } from './commands.js';
import type { CommandName, Flag, FlagKey, FlagValues } from './flag-table.js';
import { FLAG_LIST } from './flag-table.js';

/** A wrong command line: exit status 2 (code `usage`). */
export class UsageError extends YiptsError {
  override name = 'UsageError';
  constructor(
    message: string,
    readonly command: AnyCommand = 'run',
  ) {
    super(message, { code: 'usage' });
  }
}

export type Request =
  | { readonly command: CommandName; readonly flags: FlagValues; readonly positionals: readonly string[] }
  | { readonly command: 'help'; readonly topic: AnyCommand | undefined }
  | { readonly command: 'version' }
  | { readonly command: 'completion'; readonly shell: Shell }
  | { readonly command: 'man' };

export function parseCommandLine(argv: readonly string[]): Request {
  const first = argv[0];
  if (first === 'help') return { command: 'help', topic: helpTopic(argv.slice(1)) };
  if (first === 'version' || first === 'man') {
    if (argv.length > 1) throw new UsageError(`${first} takes no arguments`, first);
    return { command: first };
  }
  if (first === 'completion') return { command: 'completion', shell: completionShell(argv.slice(1)) };
  if (first === 'validate' || first === 'blame') return parseFlags(first, argv.slice(1));
  if (first === 'plan') return argv[1] === 'run-stage' ? parseFlags('plan-stage', argv.slice(2)) : parseFlags('plan', argv.slice(1));
  const command: CommandName = first === 'run-stage' ? 'run-stage' : 'run';
  return parseFlags(command, command === 'run' ? argv : argv.slice(1));
}

function helpTopic(rest: readonly string[]): AnyCommand | undefined {
  if (rest.length > 1) throw new UsageError('help takes at most one COMMAND', 'help');
  const topic = rest[0];
  if (topic === undefined) return undefined;
  if (topic === 'run' || (SUBCOMMANDS as readonly string[]).includes(topic)) return topic as AnyCommand;
  throw new UsageError(`help: no command \`${topic}\`${didYouMean(topic, ['run', ...SUBCOMMANDS])}`, 'help');
}

function completionShell(rest: readonly string[]): Shell {
  const shell = rest[0];
  if (rest.length !== 1 || !(COMPLETION_SHELLS as readonly string[]).includes(shell ?? '')) {
    throw new UsageError(`completion takes one of ${COMPLETION_SHELLS.join(', ')}${shell ? `, not \`${shell}\`` : ''}`, 'completion');
  }
  return shell as Shell;
}

function parseFlags(command: CommandName, args: readonly string[]): Request {
  const byName = new Map<string, readonly [FlagKey, Flag]>(FLAG_LIST.map((e) => [e[1].long, e]));
  const options = Object.fromEntries(
    FLAG_LIST.map(([, f]) => [f.long, { type: f.kind === 'toggle' ? 'boolean' : 'string', ...(f.short ? { short: f.short } : {}) }]),
  ) as Record<string, { type: 'boolean' | 'string'; short?: string }>;
  // pflag reads `-s=boot` as `-s boot`; parseArgs would keep the `=`.
  const normalized = args.map((a) => (/^-[a-zA-Z]=/.test(a) ? a.replace('=', '') : a));
  const { tokens } = parseArgs({ args: [...normalized], options, strict: false, allowPositionals: true, tokens: true });
  const values: Record<string, unknown> = {};
  for (const [key, flag] of FLAG_LIST) values[key] = flag.kind === 'toggle' ? false : flag.repeat ? [] : undefined;
  const positionals: string[] = [];
  for (const token of tokens) {
    if (token.kind === 'positional') positionals.push(token.value);
    if (token.kind !== 'option') continue;
    const entry = byName.get(token.name);
    const shown = token.rawName.startsWith('--') ? token.rawName : `-${token.name}`;
    if (!entry) throw new UsageError(`unknown flag ${shown}${didYouMean(token.name, [...byName.keys()], (w) => `--${w}`)}`, command);
    const [key, flag] = entry;
    const name = `--${flag.long}`;
    if (!flag.commands.includes(command)) {
      const owners = flag.commands
        .map((c) => (c === 'run' ? 'yip SOURCE...' : c === 'plan-stage' ? 'yip plan run-stage' : `yip ${c}`))
        .join(' and ');
      throw new UsageError(`${name} is a flag of ${owners}, not of this command`, command);
    }
    if (flag.kind === 'toggle') {
      if (token.value !== undefined) throw new UsageError(`${name} takes no value (given \`${token.value}\`)`, command);
      values[key] = true;
      continue;
    }
    if (token.value === undefined) throw new UsageError(`${name} needs a value (${flag.placeholder})`, command);
    let parsed: unknown;
    try {
      parsed = flag.parse(token.value);
    } catch (error) {
      throw new UsageError(`${name}: ${(error as Error).message}`, command);
    }
    values[key] = flag.repeat ? [...(values[key] as unknown[]), ...(Array.isArray(parsed) ? parsed : [parsed])] : parsed;
  }
  return { command, flags: values as FlagValues, positionals };
}
