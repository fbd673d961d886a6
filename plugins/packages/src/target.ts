/**
 * The root a step works in, its package manager, and how commands run there: the one object
 * the `packages` and `package_pins` actions share.
 */
import type { ActionContext } from '@yipts/core';
import { execArgv, executableSearchPath, findExecutable } from '@yipts/system';
import type { ExecResult } from '@yipts/system';
import { describeRoot, detectManager } from './detect.js';
import { MANAGERS } from './managers/index.js';
import type { PackageManager } from './managers/index.js';
import type { ResolvedOptions } from './options.js';

export interface Target {
  readonly root: string;
  readonly manager: PackageManager;
  /** Why this manager: `ID=debian`, `ID_LIKE=suse` or `the manager option`. */
  readonly reason: string;
  readonly ctx: ActionContext;
  /** Runs a command inside the root with the manager's environment and the timeout. */
  exec(argv: readonly string[]): Promise<ExecResult>;
  /** Throws the manager-is-missing error unless the manager's program exists in the root. */
  requireProgram(): Promise<void>;
}

export async function resolveTarget(ctx: ActionContext, options: ResolvedOptions): Promise<Target> {
  const root = ctx.run.options.root;
  const { manager, reason } = options.manager
    ? { manager: MANAGERS[options.manager], reason: 'the manager option' }
    : await detectManager(root).then((d) => ({ manager: MANAGERS[d.manager], reason: d.reason }));
  const env = { ...ctx.run.options.env, ...manager.env };
  return {
    root,
    manager,
    reason,
    ctx,
    exec: (argv) =>
      execArgv(argv, {
        root,
        env,
        signal: ctx.signal,
        ...(options.timeoutMs > 0 ? { timeoutMs: options.timeoutMs } : {}),
      }),
    requireProgram: async () => {
      if (await findExecutable(root, manager.program, env)) return;
      throw new Error(
        `${manager.program} is not installed in ${describeRoot(root)} (${manager.name} chosen by ${reason}; searched ${executableSearchPath(root, env).join(':')})`,
      );
    },
  };
}

/** True when the manager reported success. */
export function succeeded(manager: PackageManager, result: ExecResult): boolean {
  return !result.timedOut && !result.signal && (result.exitCode === 0 || manager.successCodes.includes(result.exitCode));
}
