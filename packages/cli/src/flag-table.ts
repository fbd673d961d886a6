/**
 * THE table of flags: names, short names, values, defaults, help, checks and the commands that
 * take them. The parser, `--help`, the shell completions and the man page are all made from it.
 */
import { directory, duration, nonEmpty, oneOf, pathList, positiveInteger } from './flag-values.js';

export type CommandName = 'run' | 'run-stage';

interface FlagBase {
  readonly long: string;
  readonly short?: string;
  readonly help: string;
  readonly commands: readonly CommandName[];
}

export interface ToggleFlag extends FlagBase {
  readonly kind: 'toggle';
}

export interface ValueFlag<T> extends FlagBase {
  readonly kind: 'value';
  readonly placeholder: string;
  readonly parse: (text: string) => T;
  /** Given more than once, every value is kept (in order). */
  readonly repeat?: boolean;
  /** What the shells complete it with. */
  readonly complete: 'file' | 'dir' | readonly string[] | 'none';
}

export type Flag = ToggleFlag | ValueFlag<unknown>;

const toggle = (def: Omit<ToggleFlag, 'kind'>): ToggleFlag => ({ kind: 'toggle', ...def });
const value = <T>(def: Omit<ValueFlag<T>, 'kind'>): ValueFlag<T> => ({ kind: 'value', ...def });

const RUN: readonly CommandName[] = ['run'];
const STAGE: readonly CommandName[] = ['run-stage'];
const BOTH: readonly CommandName[] = ['run', 'run-stage'];
export const LOG_FORMATS = ['text', 'json'] as const;

export const FLAGS = {
  stage: value({ long: 'stage', short: 's', placeholder: 'STAGE', help: 'stage to run (default "default")', commands: RUN, parse: nonEmpty, complete: 'none' }),
  analyze: toggle({ long: 'analyze', short: 'a', help: 'print the dependency layers of each source and run nothing (nothing is mounted)', commands: BOTH }),
  dotnotation: toggle({ long: 'dotnotation', short: 'd', help: 'read sources as dot notation (stages.boot[0].commands[0]=...)', commands: RUN }),
  jsonSchema: toggle({ long: 'json-schema', help: 'print the JSON Schema of a config file for the plugins in use, and exit', commands: RUN }),
  configSchema: toggle({ long: 'config-schema', help: 'print the JSON Schema of the executor configuration, and exit', commands: RUN }),
  strict: toggle({ long: 'strict', help: 'exit 65 when a step failed', commands: STAGE }),
  cloudInitPaths: value({
    long: 'cloud-init-paths',
    placeholder: 'PATH',
    help: 'more config paths inside the root, after the default ones (repeatable, or comma-separated)',
    commands: STAGE,
    parse: pathList,
    repeat: true,
    complete: 'dir',
  }),
  cmdline: value({ long: 'cmdline', placeholder: 'FILE', help: 'kernel command line to read (default /proc/cmdline)', commands: STAGE, parse: nonEmpty, complete: 'file' }),
  noCmdline: toggle({ long: 'no-cmdline', help: 'read no kernel command line', commands: STAGE }),
  root: value({ long: 'root', placeholder: 'DIR', help: 'target root: paths, files and commands are inside it (chroot)', commands: BOTH, parse: directory, complete: 'dir' }),
  concurrency: value({ long: 'concurrency', placeholder: 'N', help: 'steps that may run at the same time (at least 1)', commands: BOTH, parse: positiveInteger, complete: 'none' }),
  commandTimeout: value({
    long: 'command-timeout',
    placeholder: 'DURATION',
    help: 'limit for each command, e.g. 90s, 10m, 1h30m (default none)',
    commands: BOTH,
    parse: duration,
    complete: 'none',
  }),
  logFormat: value({ long: 'log-format', placeholder: 'text|json', help: 'format of the log lines on stderr', commands: BOTH, parse: oneOf(LOG_FORMATS), complete: LOG_FORMATS }),
  config: value({
    long: 'config',
    placeholder: 'FILE',
    help: 'executor configuration (plugins, paths, ...); default: yip.config.* or .yiprc* here, then in /etc/yipts/',
    commands: BOTH,
    parse: nonEmpty,
    complete: 'file',
  }),
  help: toggle({ long: 'help', short: 'h', help: 'show this help', commands: BOTH }),
  version: toggle({ long: 'version', short: 'v', help: 'print the version', commands: BOTH }),
} as const satisfies Record<string, Flag>;

export type FlagKey = keyof typeof FLAGS;

/** The options a command line gives: toggles are booleans, repeated values lists, others a value or undefined. */
export type FlagValues = {
  readonly [K in FlagKey]: (typeof FLAGS)[K] extends ValueFlag<infer T>
    ? (typeof FLAGS)[K] extends { repeat: true }
      ? T extends readonly (infer E)[]
        ? E[]
        : T[]
      : T | undefined
    : boolean;
};

export const FLAG_LIST: readonly (readonly [FlagKey, Flag])[] = Object.entries(FLAGS) as [FlagKey, Flag][];

export function flagsOf(command: CommandName): readonly Flag[] {
  return FLAG_LIST.map(([, f]) => f).filter((f) => f.commands.includes(command));
}
