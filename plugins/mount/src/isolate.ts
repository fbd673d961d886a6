/**
 * Running the whole command again in a private mount namespace, so that the chroot's mounts are
 * never seen by the host and cannot outlive the run, even when it is killed with SIGKILL.
 *
 *   outer yip ── setpriv --pdeathsig KILL ── unshare --mount --pid --fork --kill-child ── inner yip
 *
 * - The mounts live in the inner namespace; when its last process exits the kernel drops them.
 * - The inner yip is PID 1 of a new PID namespace: when it dies, however, the kernel kills every
 *   process a step left behind (a daemon started by a package script), so nothing keeps the
 *   namespace, and with it the partitions, alive.
 * - If the outer yip dies, setpriv's parent-death signal kills unshare, whose --kill-child kills
 *   the inner yip: the whole tree goes, nothing runs on unsupervised.
 * - SIGINT and SIGTERM sent to the outer yip are passed to the inner one (SIGHUP as SIGTERM),
 *   which stops the run and releases the root normally. The child runs in its own session, so a Ctrl-C on
 *   the terminal reaches it once, through this relay, not twice.
 */
import { access, constants as fsConstants, readFile } from 'node:fs/promises';
import { constants as osConstants } from 'node:os';
import { join } from 'node:path';
import type { IsolationRequest } from '@yipts/isolation';
import { isHostRoot, STANDARD_PATH } from '@yipts/system';

/** Set in the inner process's environment: it is isolated already and runs the work itself. */
export const ISOLATED_ENV = 'YIPTS_ISOLATED';

/**
 * Signals relayed to the inner yip, and as what. The inner yip is PID 1 of its namespace, so a
 * signal it has no handler for is dropped by the kernel: a hangup is passed as SIGTERM, which
 * stops the run cleanly (released root, synced partitions) instead of not at all.
 */
const FORWARDED = { SIGINT: 'SIGINT', SIGTERM: 'SIGTERM', SIGHUP: 'SIGTERM' } as const satisfies Record<string, NodeJS.Signals>;
type Forwarded = keyof typeof FORWARDED;

/**
 * Returns the inner command's exit status, or undefined when this process must do the work
 * itself (host root, isolated already, or isolation impossible: then `notes` says why).
 */
export async function isolateRun(request: IsolationRequest, notes: string[]): Promise<number | undefined> {
  if (isHostRoot(request.root) || request.env[ISOLATED_ENV] === '1' || request.argv.length === 0) return undefined;
  if (process.getuid?.() !== 0) {
    notes.push('not running as root: no private mount namespace, mounts are made in the current one');
    return undefined;
  }
  const path = request.env.PATH ?? process.env.PATH ?? STANDARD_PATH;
  const unshare = await findProgram('unshare', path);
  if (!unshare) {
    notes.push('unshare (util-linux) not found: no private mount namespace; a killed run may leave mounts behind');
    return undefined;
  }
  const setpriv = await findProgram('setpriv', path);
  if (!setpriv) notes.push('setpriv (util-linux) not found: if this process is killed, the isolated run goes on to its end');
  const inner = [
    unshare,
    '--mount',
    '--propagation',
    'private',
    '--pid',
    '--fork',
    '--mount-proc',
    '--kill-child=SIGKILL',
    '--',
    ...request.argv,
  ];
  const argv = setpriv ? [setpriv, '--pdeathsig', 'KILL', '--', ...inner] : inner;
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(request.env)) if (v !== undefined) env[k] = v;
  env[ISOLATED_ENV] = '1';
  return runChild(argv, env);
}

async function runChild(argv: readonly string[], env: Record<string, string>): Promise<number> {
  const { spawn } = await import('node:child_process');
  return new Promise((resolve, reject) => {
    const child = spawn(argv[0]!, argv.slice(1), { stdio: 'inherit', env, detached: true });
    const relay = (signal: NodeJS.Signals) =>
      void forward(child.pid, FORWARDED[signal as Forwarded] ?? signal, () => child.kill('SIGKILL'));
    const signals = Object.keys(FORWARDED) as Forwarded[];
    for (const s of signals) process.on(s, relay);
    const done = () => {
      for (const s of signals) process.off(s, relay);
    };
    child.once('error', (error) => {
      done();
      reject(new Error(`cannot start the isolated run (${argv[0]}): ${error.message}`));
    });
    child.once('exit', (code, signal) => {
      done();
      resolve(code ?? 128 + (signal ? (osConstants.signals[signal] ?? 0) : 1));
    });
  });
}

/**
 * Delivers `signal` to the inner process, unshare's only child. unshare itself ignores SIGINT
 * and SIGTERM while it waits, so signalling it would do nothing.
 */
async function forward(pid: number | undefined, signal: NodeJS.Signals, giveUp: () => void): Promise<void> {
  if (pid === undefined) return;
  for (let i = 0; i < 40; i++) {
    const inner = await childOf(pid);
    if (inner !== undefined) {
      try {
        process.kill(inner, signal);
      } catch {
        // It exited meanwhile: nothing left to stop.
      }
      return;
    }
    // unshare has not forked yet: the inner process is about to exist.
    await new Promise((r) => setTimeout(r, 50));
  }
  giveUp();
}

async function childOf(pid: number): Promise<number | undefined> {
  try {
    const text = await readFile(`/proc/${pid}/task/${pid}/children`, 'utf8');
    const first = text.trim().split(/\s+/)[0];
    return first ? Number(first) : undefined;
  } catch {
    return undefined;
  }
}

async function findProgram(name: string, path: string): Promise<string | undefined> {
  for (const dir of path.split(':').filter(Boolean)) {
    const candidate = join(dir, name);
    try {
      await access(candidate, fsConstants.X_OK);
      return candidate;
    } catch {
      // next directory
    }
  }
  return undefined;
}
