/**
 * The `packages` action: refresh → upgrade → install → remove, each one command of the root's
 * manager. The first command that fails ends the action (installing after a failed refresh
 * would pick stale versions); its error carries the manager's own output and names what was
 * left undone. `upgrade: true` alone upgrades (yip skipped it: a bug users reported).
 */
import type { ActionContext, PackagesSpec } from '@yipts/core';
import { describeFailure } from '@yipts/system';
import type { Phase } from './managers/index.js';
import { packageWords } from './names.js';
import type { ResolvedOptions } from './options.js';
import { withRootLock } from './root-lock.js';
import { resolveTarget, succeeded } from './target.js';

interface Work {
  readonly phase: Phase;
  readonly packages: readonly string[];
}

/** The phases a spec asks for, in their fixed order, with templated package names. */
export function planPackages(spec: PackagesSpec, render: (text: string) => string): Work[] {
  const install = packageWords(spec.install ?? [], render);
  const remove = packageWords(spec.remove ?? [], render);
  const work: Work[] = [];
  if (spec.refresh) work.push({ phase: 'refresh', packages: [] });
  if (spec.upgrade) work.push({ phase: 'upgrade', packages: [] });
  if (install.length) work.push({ phase: 'install', packages: install });
  if (remove.length) work.push({ phase: 'remove', packages: remove });
  return work;
}

export async function runPackages(spec: PackagesSpec, ctx: ActionContext, options: ResolvedOptions): Promise<void> {
  const work = planPackages(spec, (text) => ctx.render(text));
  // Nothing asked: no need for a manager, nor for os-release to name one.
  if (work.length === 0) return;
  await withRootLock(ctx.run.options.root, async () => {
    const target = await resolveTarget(ctx, options);
    await target.requireProgram();
    for (const [index, { phase, packages }] of work.entries()) {
      const notRun = work.slice(index + 1).map((w) => w.phase);
      const left = notRun.length ? ` (so ${notRun.join(', ')} ${notRun.length > 1 ? 'were' : 'was'} not run)` : '';
      if (ctx.signal.aborted) throw new Error(`${what(phase, packages)} not started: the run was interrupted${left}`);
      const argv = target.manager.argv(phase, packages);
      ctx.logger.log('info', `${what(phase, packages)} with ${target.manager.program}: ${argv.join(' ')}`);
      const result = await target.exec(argv);
      if (!succeeded(target.manager, result)) {
        throw new Error(
          `${what(phase, packages)} with ${target.manager.program} failed${left}: \`${argv.join(' ')}\` ${describeFailure(result)}`,
        );
      }
      if (result.output.trim()) ctx.logger.log('debug', `${argv.join(' ')} output:\n${result.output.trimEnd()}`);
    }
  });
}

function what(phase: Phase, packages: readonly string[]): string {
  switch (phase) {
    case 'refresh':
      return 'refreshing the repositories';
    case 'upgrade':
      return 'upgrading';
    case 'install':
      return `installing ${packages.join(' ')}`;
    case 'remove':
      return `removing ${packages.join(' ')}`;
  }
}
