/**
 * Command-line parsing for `yip` and `yip run-stage`. Flags may come before or after the
 * sources (as with yip's cobra), `--flag=value` and `-s value` both work, `--` ends the flags.
 */
import { YiptsError } from '@yipts/core';
export interface FlagSpec {
  readonly long: string;
  readonly short?: string;
  /** Takes a value; `repeat` collects every occurrence. */
  readonly value?: 'one' | 'repeat';
  readonly help: string;
  readonly placeholder?: string;
}

export interface ParsedArgs {
  readonly flags: ReadonlyMap<string, string[] | true>;
  readonly positionals: readonly string[];
}

/** A wrong command line: exit status 2. */
export class UsageError extends YiptsError {
  override name = 'UsageError';
  constructor(reason: string) {
    super(reason, { code: 'usage' });
  }
}

export function parseArgs(argv: readonly string[], specs: readonly FlagSpec[]): ParsedArgs {
  const flags = new Map<string, string[] | true>();
  const positionals: string[] = [];
  const byLong = new Map(specs.map((s) => [s.long, s] as const));
  const byShort = new Map(specs.filter((s) => s.short).map((s) => [s.short!, s] as const));
  const set = (spec: FlagSpec, value: string | undefined) => {
    if (!spec.value) {
      flags.set(spec.long, true);
      return;
    }
    if (value === undefined) throw new UsageError(`--${spec.long} needs a value`);
    const previous = flags.get(spec.long);
    flags.set(spec.long, spec.value === 'repeat' && Array.isArray(previous) ? [...previous, value] : [value]);
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      const name = arg.slice(2, eq === -1 ? undefined : eq);
      const spec = byLong.get(name);
      if (!spec) throw new UsageError(`unknown flag --${name}`);
      set(spec, eq !== -1 ? arg.slice(eq + 1) : spec.value ? argv[++i] : undefined);
      continue;
    }
    if (arg.startsWith('-') && arg.length > 1) {
      // -s boot, -sboot, -s=boot, and bundled booleans such as -ad.
      for (let j = 1; j < arg.length; j++) {
        const spec = byShort.get(arg[j]!);
        if (!spec) throw new UsageError(`unknown flag -${arg[j]}`);
        if (spec.value) {
          const rest = arg.slice(j + 1).replace(/^=/, '');
          set(spec, rest.length ? rest : argv[++i]);
          break;
        }
        set(spec, undefined);
      }
      continue;
    }
    positionals.push(arg);
  }
  return { flags, positionals };
}

export function flagValue(args: ParsedArgs, long: string): string | undefined {
  const v = args.flags.get(long);
  return Array.isArray(v) ? v[v.length - 1] : undefined;
}

export function flagValues(args: ParsedArgs, long: string): string[] {
  const v = args.flags.get(long);
  return Array.isArray(v) ? v : [];
}

export function hasFlag(args: ParsedArgs, long: string): boolean {
  return args.flags.has(long);
}

/** Durations as `30s`, `5m`, `1h`, `250ms` or plain seconds; 0 means none. */
export function parseDuration(text: string): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(text.trim());
  if (!m) throw new UsageError(`cannot read \`${text}\` as a duration (e.g. 30s, 5m)`);
  const n = Number(m[1]);
  const unit = m[2] ?? 's';
  return Math.round(n * (unit === 'ms' ? 1 : unit === 's' ? 1000 : unit === 'm' ? 60_000 : 3_600_000));
}

export function helpText(usage: string, specs: readonly FlagSpec[]): string {
  const rows = specs.map((s) => {
    const names = `${s.short ? `-${s.short}, ` : '    '}--${s.long}${s.value ? ` ${s.placeholder ?? 'VALUE'}` : ''}`;
    return `  ${names.padEnd(34)} ${s.help}`;
  });
  return `${usage}\n\nFlags:\n${rows.join('\n')}\n`;
}
