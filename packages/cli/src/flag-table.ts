/**
 * THE table of flags: names, short names, values, defaults, help, checks and the commands that
 * take them. The parser, `--help`, the shell completions and the man page are all made from it.
 */
import { directory, duration, nonEmpty, oneOf, pathList, positiveInteger } from './flag-values.js';

/** `plan-stage` is `yip plan run-stage STAGE`. */
export type CommandName = 'run' | 'run-stage' | 'plan' | 'plan-stage' | 'validate' | 'blame';

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
const SOURCES: readonly CommandName[] = ['run', 'plan'];
const STAGE: readonly CommandName[] = ['run-stage'];
const ANY_STAGE: readonly CommandName[] = ['run-stage', 'plan-stage'];
const BOTH: readonly CommandName[] = ['run', 'run-stage'];
const ALL: readonly CommandName[] = ['run', 'run-stage', 'plan', 'plan-stage'];
/** The commands that build the plugins: every one but blame, which only reads a report. */
const WITH_PLUGINS: readonly CommandName[] = [...ALL, 'validate'];
const EVERY: readonly CommandName[] = [...WITH_PLUGINS, 'blame'];
const FORMATTED: readonly CommandName[] = ['plan', 'plan-stage', 'validate'];
const PLAN: readonly CommandName[] = ['plan', 'plan-stage'];
export const LOG_FORMATS = ['text', 'json'] as const;
/** plan prints text or json; validate also github (workflow annotations). */
export const OUTPUT_FORMATS = ['text', 'json', 'github'] as const;

export const FLAGS = {
  stage: value({
    long: 'stage',
    short: 's',
    placeholder: 'STAGE',
    commands: SOURCES,
    parse: nonEmpty,
    complete: 'none',
    help: 'stage to run, or to plan (default "default")',
  }),
  analyze: toggle({
    long: 'analyze',
    short: 'a',
    commands: BOTH,
    help: 'print the dependency layers of each source and run nothing (nothing is mounted)',
  }),
  dotnotation: toggle({
    long: 'dotnotation',
    short: 'd',
    commands: RUN,
    help: 'read sources as dot notation (stages.boot[0].commands[0]=...)',
  }),
  jsonSchema: toggle({
    long: 'json-schema',
    commands: RUN,
    help: 'print the JSON Schema of a config file for the plugins in use, and exit',
  }),
  configSchema: toggle({ long: 'config-schema', commands: RUN, help: 'print the JSON Schema of the executor configuration, and exit' }),
  strict: toggle({
    long: 'strict',
    commands: [...STAGE, 'validate'],
    help: 'run-stage: exit 65 when a step failed; validate: warnings are errors (exit 1)',
  }),
  report: value({
    long: 'report',
    placeholder: 'FILE',
    commands: BOTH,
    parse: nonEmpty,
    complete: 'file',
    help: 'write the timings of the run (every stage and step) to FILE as JSON, also when steps failed; read by yip blame',
  }),
  top: value({
    long: 'top',
    placeholder: 'N',
    commands: ['blame'],
    parse: positiveInteger,
    complete: 'none',
    help: 'blame: list only the N slowest steps',
  }),
  cloudInitPaths: value({
    long: 'cloud-init-paths',
    placeholder: 'PATH',
    commands: ANY_STAGE,
    parse: pathList,
    repeat: true,
    complete: 'dir',
    help: 'more config paths inside the root, after the default ones (repeatable, or comma-separated)',
  }),
  cmdline: value({
    long: 'cmdline',
    placeholder: 'FILE',
    commands: ANY_STAGE,
    parse: nonEmpty,
    complete: 'file',
    help: 'kernel command line to read (default /proc/cmdline)',
  }),
  noCmdline: toggle({ long: 'no-cmdline', commands: ANY_STAGE, help: 'read no kernel command line' }),
  root: value({
    long: 'root',
    placeholder: 'DIR',
    commands: ALL,
    parse: directory,
    complete: 'dir',
    help: 'target root: paths, files and commands are inside it (chroot)',
  }),
  concurrency: value({
    long: 'concurrency',
    placeholder: 'N',
    commands: ALL,
    parse: positiveInteger,
    complete: 'none',
    help: 'steps that may run at the same time (at least 1)',
  }),
  commandTimeout: value({
    long: 'command-timeout',
    placeholder: 'DURATION',
    commands: ALL,
    parse: duration,
    complete: 'none',
    help: 'limit for each command, e.g. 90s, 10m, 1h30m (default none)',
  }),
  logFormat: value({
    long: 'log-format',
    placeholder: 'text|json',
    commands: WITH_PLUGINS,
    parse: oneOf(LOG_FORMATS),
    complete: LOG_FORMATS,
    help: 'format of the log lines on stderr',
  }),
  config: value({
    long: 'config',
    placeholder: 'FILE',
    commands: WITH_PLUGINS,
    parse: nonEmpty,
    complete: 'file',
    help: 'executor configuration (plugins, paths, ...); default: yip.config.* or .yiprc* here, then in /etc/yipts/',
  }),
  runConditions: toggle({
    long: 'run-conditions',
    commands: PLAN,
    help: 'plan: run `if` commands to decide which steps apply (otherwise such steps are shown as "depends on")',
  }),
  fetch: toggle({ long: 'fetch', commands: PLAN, help: 'plan: let plans reach the network to say what a fetch would bring' }),
  format: value({
    long: 'format',
    placeholder: 'text|json|github',
    commands: FORMATTED,
    parse: oneOf(OUTPUT_FORMATS),
    complete: OUTPUT_FORMATS,
    help: 'what is printed on stdout: plan: text (a diff, the default) or json; validate: text, json (one finding a line) or github',
  }),
  help: toggle({ long: 'help', short: 'h', commands: EVERY, help: 'show this help' }),
  version: toggle({ long: 'version', short: 'v', commands: EVERY, help: 'print the version' }),
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
