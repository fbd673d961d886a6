/**
 * Running a shell snippet for a step: `sh -c` on the host, or inside the target root through
 * chroot(8) so that `zypper in -y vim` installs into the new image. Output is captured (shown
 * when the command fails), nothing ever waits on standard input, and a timeout can bound it.
 * node:child_process directly, not execa: loading execa cost more than the command itself (see
 * the package README).
 */
import type { ChildProcess } from 'node:child_process';
import { isHostRoot } from './root-path.js';

export interface ExecOptions {
  /** The target root; `/` runs on the host. */
  readonly root: string;
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Milliseconds; 0 or undefined means no limit. */
  readonly timeoutMs?: number;
  readonly signal?: AbortSignal;
  readonly input?: string;
  /** Working directory, as seen inside the root. */
  readonly cwd?: string;
}

export interface ExecResult {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
  /** stdout and stderr interleaved as they came. */
  readonly output: string;
  readonly timedOut: boolean;
  readonly signal: string | undefined;
  readonly command: string;
}

/** PATH for commands inside an image: the root's own tools, not the host's layout. */
export const STANDARD_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

/** The environment a command gets inside a target root: the caller's, with a PATH and HOME that fit the image. */
export function rootEnv(root: string, env: Readonly<Record<string, string | undefined>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (v !== undefined) out[k] = v;
  if (!isHostRoot(root)) {
    out.PATH = STANDARD_PATH;
    out.HOME = '/root';
    delete out.PWD;
    delete out.OLDPWD;
  } else if (!out.PATH) out.PATH = STANDARD_PATH;
  return out;
}

export async function execShell(script: string, options: ExecOptions): Promise<ExecResult> {
  return execArgv(['sh', '-c', script], options, script);
}

/** How long a stopped command gets between SIGTERM and SIGKILL. */
const FORCE_KILL_AFTER_MS = 5000;

/** Runs a program with arguments (no shell) inside the root. */
export async function execArgv(argv: readonly string[], options: ExecOptions, display?: string): Promise<ExecResult> {
  const host = isHostRoot(options.root);
  const [file, ...args] = host ? argv : ['chroot', options.root, ...argv];
  // Loaded on first use: most stages run no external program, and start-up time counts.
  const { spawn } = await import('node:child_process');
  // The command gets its own process group, and a timeout or an abort signals the whole group:
  // `sh -c 'sleep 30'` forks, and a child left alive would keep the output pipe (and the step)
  // open long after the shell itself was killed.
  const child = spawn(file!, args, {
    env: rootEnv(options.root, options.env ?? process.env),
    stdio: [options.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    detached: true,
    ...(options.cwd && host ? { cwd: options.cwd } : {}),
  });
  const output = captureOutput(child);
  if (options.input !== undefined) {
    // A program that exits without reading its input closes the pipe: not an error of the run.
    child.stdin!.on('error', () => {});
    child.stdin!.end(options.input);
  }
  let timedOut = false;
  let forceKill: NodeJS.Timeout | undefined;
  const signalGroup = (signal: NodeJS.Signals) => {
    if (child.pid === undefined) return;
    try {
      process.kill(-child.pid, signal);
    } catch {
      // The group is gone already.
    }
  };
  const stop = () => {
    if (forceKill) return;
    signalGroup('SIGTERM');
    forceKill = setTimeout(() => signalGroup('SIGKILL'), FORCE_KILL_AFTER_MS);
  };
  const timer = options.timeoutMs
    ? setTimeout(() => {
        timedOut = true;
        stop();
      }, options.timeoutMs)
    : undefined;
  options.signal?.addEventListener('abort', stop, { once: true });
  if (options.signal?.aborted) stop();
  let end: Ended;
  try {
    end = await ended(child);
  } finally {
    clearTimeout(timer);
    clearTimeout(forceKill);
    options.signal?.removeEventListener('abort', stop);
  }
  const text = output.text();
  return {
    // A program that could not be started is what a shell reports as "not found".
    exitCode: end.error ? 127 : (end.code ?? (end.signal ? 128 : 1)),
    stdout: text.stdout,
    stderr: text.stderr,
    output: end.error ? `${text.all}${end.error.message}` : text.all,
    timedOut,
    signal: end.signal ?? undefined,
    command: display ?? argv.join(' '),
  };
}

interface Ended {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly error?: Error;
}

/** When the program has exited and its output pipes are closed, or it could not be started. */
function ended(child: ChildProcess): Promise<Ended> {
  return new Promise((resolve) => {
    child.once('error', (error) => {
      if (child.pid === undefined) resolve({ code: null, signal: null, error });
    });
    child.once('close', (code, signal) => resolve({ code, signal }));
  });
}

/** stdout and stderr as they come, each apart and both interleaved, decoded once at the end. */
function captureOutput(child: ChildProcess): { text(): { stdout: string; stderr: string; all: string } } {
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  const all: Buffer[] = [];
  child.stdout!.on('data', (chunk: Buffer) => {
    out.push(chunk);
    all.push(chunk);
  });
  child.stderr!.on('data', (chunk: Buffer) => {
    err.push(chunk);
    all.push(chunk);
  });
  const decode = (chunks: Buffer[]) => Buffer.concat(chunks).toString('utf8');
  return { text: () => ({ stdout: decode(out), stderr: decode(err), all: decode(all) }) };
}

/** A one-line description of why a command failed, with its output for the user to read. */
export function describeFailure(result: ExecResult): string {
  const why = result.timedOut ? 'timed out' : result.signal ? `killed by ${result.signal}` : `exited with status ${result.exitCode}`;
  const output = result.output.trim();
  return output ? `${why}; output:\n${indent(output)}` : why;
}

function indent(text: string): string {
  const lines = text.split('\n');
  const tail = lines.length > 40 ? ['  …', ...lines.slice(-40)] : lines;
  return tail.map((l) => `  ${l}`).join('\n');
}
