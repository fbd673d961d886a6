/**
 * Plan mode of `packages`: the root's own package manager is asked what it would do, with its
 * dry-run mode (`apt-get -s`, `dnf --assumeno`, `zypper --dry-run`, `apk --simulate`), and its
 * answer is read into packages to install, upgrade and remove. A refresh downloads and writes
 * repository metadata, so it is never run; it is reported instead. A manager without a dry run
 * that reports package names (pacman) gives the command line that would run.
 */
import type { ActionContext, Change, PackagesSpec } from '@yipts/core';
import { describeFailure } from '@yipts/system';
import type { ManagerName, Phase } from './managers/index.js';
import type { ResolvedOptions } from './options.js';
import { planPackages } from './run-packages.js';
import { resolveTarget } from './target.js';

type Action = 'install' | 'upgrade' | 'remove';

interface DryRun {
  readonly argv: (phase: Exclude<Phase, 'refresh'>, packages: readonly string[]) => string[];
  /** Exit codes besides 0 that a dry run ends with when it would have done something. */
  readonly exitCodes: readonly number[];
  readonly read: (output: string) => Change[];
}

const APT: Record<Exclude<Phase, 'refresh'>, string[]> = {
  upgrade: ['upgrade'],
  install: ['--no-install-recommends', 'install'],
  remove: ['remove'],
};
const DNF: Record<Exclude<Phase, 'refresh'>, string[]> = {
  upgrade: ['upgrade'],
  install: ['--setopt=install_weak_deps=False', 'install'],
  remove: ['remove'],
};
const ZYPPER: Record<Exclude<Phase, 'refresh'>, string[]> = {
  upgrade: ['update'],
  install: ['install', '--no-recommends'],
  remove: ['remove'],
};
const APK: Record<Exclude<Phase, 'refresh'>, string[]> = { upgrade: ['upgrade'], install: ['add'], remove: ['del'] };

const DRY_RUNS: Partial<Record<ManagerName, DryRun>> = {
  // `Inst name [old] (new repo [arch])`, `Remv name [old]`: apt's simulation lines.
  apt: { argv: (phase, p) => ['apt-get', '-s', ...APT[phase], ...p], exitCodes: [], read: readApt },
  // dnf answers "no" and exits 1 after printing its transaction table.
  dnf: { argv: (phase, p) => ['dnf', '--assumeno', ...DNF[phase], ...p], exitCodes: [1], read: readDnf },
  zypper: { argv: (phase, p) => ['zypper', '--non-interactive', ...ZYPPER[phase], '--dry-run', ...p], exitCodes: [], read: readZypper },
  apk: { argv: (phase, p) => ['apk', '--simulate', ...APK[phase], ...p], exitCodes: [], read: readApk },
};

export async function planPackageWork(spec: PackagesSpec, ctx: ActionContext, options: ResolvedOptions): Promise<Change[]> {
  const work = planPackages(spec, (text) => ctx.render(text));
  if (work.length === 0) return [];
  const target = await resolveTarget(ctx, options);
  await target.requireProgram();
  const dry = DRY_RUNS[target.manager.name];
  const changes: Change[] = [];
  for (const { phase, packages } of work) {
    if (phase === 'refresh' || !dry) {
      changes.push({ kind: 'command', command: target.manager.argv(phase, packages).join(' ') });
      continue;
    }
    const argv = dry.argv(phase, packages);
    const result = await target.exec(argv);
    if (result.timedOut || result.signal || (result.exitCode !== 0 && !dry.exitCodes.includes(result.exitCode))) {
      throw new Error(`dry run \`${argv.join(' ')}\` ${describeFailure(result)}`);
    }
    changes.push(...dry.read(result.output));
  }
  return changes;
}

function pkg(action: Action, name: string, version?: string): Change {
  return { kind: 'package', action, name, ...(version ? { version } : {}) };
}

export function readApt(output: string): Change[] {
  const out: Change[] = [];
  for (const line of output.split('\n')) {
    const inst = /^Inst (\S+)(?: \[([^\]]+)\])? \((\S+)/.exec(line);
    if (inst) out.push(pkg(inst[2] ? 'upgrade' : 'install', inst[1]!, inst[3]));
    const remv = /^Remv (\S+)(?: \[([^\]]+)\])?/.exec(line);
    if (remv) out.push(pkg('remove', remv[1]!, remv[2]));
  }
  return out;
}

/** dnf's table: a section title (`Installing:`, `Upgrading:`, `Removing:`…), then ` name arch version repo size` rows. */
export function readDnf(output: string): Change[] {
  const out: Change[] = [];
  let action: Action | undefined;
  for (const line of output.split('\n')) {
    const title = /^(Installing|Upgrading|Removing|Erasing)\b.*:$/.exec(line.trim());
    if (title && !line.startsWith(' ')) {
      action = title[1] === 'Installing' ? 'install' : title[1] === 'Upgrading' ? 'upgrade' : 'remove';
      continue;
    }
    if (!line.startsWith(' ')) {
      if (line.trim()) action = undefined;
      continue;
    }
    const cols = line.trim().split(/\s+/);
    if (action && cols.length >= 3) out.push(pkg(action, cols[0]!, cols[2]));
  }
  return out;
}

/** zypper: `The following N NEW packages are going to be installed:` then the names, indented. */
export function readZypper(output: string): Change[] {
  const out: Change[] = [];
  let action: Action | undefined;
  for (const line of output.split('\n')) {
    const head = /^The following .*(?:packages?|patch(?:es)?) (?:is|are) going to be (installed|upgraded|REMOVED|removed):/.exec(line);
    if (head) {
      action = head[1] === 'installed' ? 'install' : head[1] === 'upgraded' ? 'upgrade' : 'remove';
      continue;
    }
    if (action && line.startsWith(' ')) for (const name of line.trim().split(/\s+/)) out.push(pkg(action, name));
    else if (line.trim()) action = undefined;
  }
  return out;
}

/** apk: `(1/2) Installing name (version)`, `Upgrading name (old -> new)`, `Purging name (version)`. */
export function readApk(output: string): Change[] {
  const out: Change[] = [];
  for (const line of output.split('\n')) {
    const m = /^\(\d+\/\d+\) (Installing|Upgrading|Purging|Deleting) (\S+) \(([^)]+)\)/.exec(line);
    if (!m) continue;
    const action: Action = m[1] === 'Installing' ? 'install' : m[1] === 'Upgrading' ? 'upgrade' : 'remove';
    out.push(pkg(action, m[2]!, m[3]!.split(' -> ').pop()));
  }
  return out;
}
