/**
 * One shell per step for its list of commands. Each command still runs alone, as with
 * `sh -c`: in its own subshell (`cd`, variables and `exit` stay inside it), with no standard
 * input, its stdout and stderr captured together, and a syntax error failing only that
 * command (it is `eval`-ed). What is saved is a process start per command: the subshell is a
 * fork of a shell that is already running, which makes a list of 200 commands several times
 * faster than 200 `sh -c`.
 *
 * Protocol: the command text travels as a single-quoted shell word on the shell's stdin; after
 * the subshell ends, the shell prints a marker with a random nonce and the exit status. A
 * timeout or an abort kills the whole session (its own process group) and the next command
 * starts a new one.
 */
import type { ChildProcess } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import type { ExecResult } from './exec.js';
import { rootEnv } from './exec.js';
import { isHostRoot } from './root-path.js';
import { uniqueSuffix } from './unique-suffix.js';

export interface SessionOptions {
  readonly root: string;
  readonly env?: Readonly<Record<string, string | undefined>>;
}

export interface SessionRunOptions {
  readonly timeoutMs?: number;
  readonly signal?: AbortSignal;
}

interface Pending {
  readonly command: string;
  resolve(result: ExecResult): void;
  timedOut: boolean;
  aborted: boolean;
}

let spawnModule: Promise<typeof import('node:child_process').spawn> | undefined;

/** node:child_process is loaded on first use: a stage with no command does not pay for it. */
function loadSpawn(): Promise<typeof import('node:child_process').spawn> {
  spawnModule ??= import('node:child_process').then((m) => m.spawn);
  return spawnModule;
}

export function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

export class ShellSession {
  private child: ChildProcess | undefined;
  private buffer = '';
  private stderr = '';
  private pending: Pending | undefined;
  /** Set from the call of run() until its result: one command at a time. */
  private busy = false;
  // Tells the markers apart from what commands print; unique per session, not a secret.
  private readonly nonce = uniqueSuffix();
  private readonly marker: string;

  constructor(private readonly options: SessionOptions) {
    this.marker = `\x1eyipts-${this.nonce} `;
  }

  private start(spawn: typeof import('node:child_process').spawn): ChildProcess {
    const host = isHostRoot(this.options.root);
    const argv = host ? ['sh', '-s'] : ['chroot', this.options.root, 'sh', '-s'];
    // fd 3 is the host's /dev/null, opened before chroot: the image may have no /dev yet, and
    // commands must never read the session's own script from stdin.
    const devNull = openSync('/dev/null', 'r');
    let child: ChildProcess;
    try {
      child = spawn(argv[0]!, argv.slice(1), {
        env: rootEnv(this.options.root, this.options.env ?? process.env),
        stdio: ['pipe', 'pipe', 'pipe', devNull],
        // Its own process group, so a timeout can stop the command and everything it started.
        detached: true,
      });
    } finally {
      closeSync(devNull);
    }
    child.stdout!.setEncoding('utf8');
    child.stderr!.setEncoding('utf8');
    child.stdout!.on('data', (chunk: string) => this.onData(chunk));
    child.stderr!.on('data', (chunk: string) => (this.stderr += chunk));
    child.stdin!.on('error', () => {});
    child.on('exit', (code, signal) => this.onExit(child, code, signal));
    child.on('error', (error) => this.onExit(child, 127, null, error));
    this.child = child;
    this.buffer = '';
    this.stderr = '';
    return child;
  }

  private onData(chunk: string): void {
    this.buffer += chunk;
    const p = this.pending;
    if (!p) return;
    const at = this.buffer.indexOf(this.marker);
    if (at === -1) return;
    const end = this.buffer.indexOf('\n', at);
    if (end === -1) return;
    const status = Number(this.buffer.slice(at + this.marker.length, end));
    const output = this.buffer.slice(0, at);
    this.buffer = this.buffer.slice(end + 1);
    this.pending = undefined;
    p.resolve(result(p.command, Number.isFinite(status) ? status : 1, output, false, undefined));
  }

  private onExit(child: ChildProcess, code: number | null, signal: NodeJS.Signals | null, error?: Error): void {
    if (this.child === child) this.child = undefined;
    const p = this.pending;
    if (!p) return;
    this.pending = undefined;
    const output = `${this.buffer}${this.stderr}${error ? error.message : ''}`;
    this.buffer = '';
    p.resolve(result(p.command, code ?? 128, output, p.timedOut, p.timedOut || p.aborted ? 'SIGTERM' : (signal ?? undefined)));
  }

  run(command: string, options: SessionRunOptions = {}): Promise<ExecResult> {
    if (this.busy) throw new Error('a command is already running in this session');
    if (options.signal?.aborted) return Promise.resolve(result(command, 130, '', false, 'SIGTERM'));
    this.busy = true;
    return loadSpawn()
      .then((spawn) => this.send(command, options, this.child ?? this.start(spawn)))
      .finally(() => {
        this.busy = false;
      });
  }

  private send(command: string, options: SessionRunOptions, child: ChildProcess): Promise<ExecResult> {
    return new Promise<ExecResult>((resolve) => {
      let timer: NodeJS.Timeout | undefined;
      const onAbort = () => {
        if (this.pending === pending) pending.aborted = true;
        this.kill(child);
      };
      const pending: Pending = {
        command,
        timedOut: false,
        aborted: false,
        resolve: (r) => {
          if (timer) clearTimeout(timer);
          options.signal?.removeEventListener('abort', onAbort);
          resolve(r);
        },
      };
      this.pending = pending;
      if (options.timeoutMs && options.timeoutMs > 0) {
        timer = setTimeout(() => {
          pending.timedOut = true;
          this.kill(child);
        }, options.timeoutMs);
      }
      options.signal?.addEventListener('abort', onAbort, { once: true });
      const script = `__yipts_c=${shellQuote(command)}\n( eval "$__yipts_c" ) <&3 3<&- 2>&1; printf '${this.marker.replace('\x1e', '\\036')}%d\\n' "$?"\n`;
      child.stdin!.write(script);
    });
  }

  private kill(child: ChildProcess): void {
    if (child.pid === undefined) return;
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      child.kill('SIGTERM');
    }
    // A command that ignores SIGTERM is killed for good shortly after.
    setTimeout(() => {
      try {
        if (child.exitCode === null) process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // already gone
      }
    }, 3000).unref();
  }

  /** Ends the shell; background processes started by commands are left alone, as with sh -c. */
  async close(): Promise<void> {
    const child = this.child;
    if (!child) return;
    await new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.stdin!.end();
    });
    // A daemon started in the background (`kairos-agent start &`) inherits the output pipe and
    // keeps it open: let go of it, or this process could not exit while the daemon runs.
    child.stdout?.destroy();
    child.stderr?.destroy();
  }
}

function result(command: string, exitCode: number, output: string, timedOut: boolean, signal: string | undefined): ExecResult {
  return { exitCode, stdout: output, stderr: '', output, timedOut, signal, command };
}
