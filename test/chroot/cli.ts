// Runs the real yip command line for the chroot tests, in the form YIPTS_CLI names (the bundle
// by default, `sea` for the single executable, `source` for the sources through tsx; see
// test/helpers/cli.ts), with a clean environment.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { readdir, readFile, readlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { cliCommand } from '../helpers/cli.js';

export interface YipResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface YipProcess {
  child: ChildProcess;
  /** Output so far. */
  readonly stderr: () => string;
  done: Promise<YipResult>;
}

export interface YipOptions {
  env?: Record<string, string | undefined>;
  cwd?: string;
}

/** Starts yip with args; its environment is a clean one (PATH, LANG) plus `env`. */
export function startYip(args: readonly string[], opts: YipOptions = {}): YipProcess {
  const [program, ...pre] = cliCommand();
  const env: Record<string, string> = { PATH: process.env.PATH ?? '/usr/sbin:/usr/bin:/sbin:/bin', LANG: 'C.UTF-8' };
  for (const [k, v] of Object.entries(opts.env ?? {})) if (v !== undefined) env[k] = v;
  const child = spawn(program!, [...pre, ...args], { cwd: opts.cwd ?? tmpdir(), env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (b: Buffer) => (stdout += b.toString()));
  child.stderr!.on('data', (b: Buffer) => (stderr += b.toString()));
  const done = new Promise<YipResult>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  return { child, stderr: () => stderr, done };
}

export function yip(args: readonly string[], opts: YipOptions = {}): Promise<YipResult> {
  return startYip(args, opts).done;
}

export { mountConfig } from '../fixtures/index.js';

/** Direct children of pid (from /proc). */
export async function childrenOf(pid: number): Promise<number[]> {
  const out: number[] = [];
  for (const task of await readdir(`/proc/${pid}/task`).catch(() => [] as string[])) {
    const text = await readFile(`/proc/${pid}/task/${task}/children`, 'utf8').catch(() => '');
    out.push(...text.split(/\s+/).filter(Boolean).map(Number));
  }
  return out;
}

/** pid and every process below it. */
export async function processTree(pid: number): Promise<number[]> {
  const out = [pid];
  for (const child of await childrenOf(pid)) out.push(...(await processTree(child)));
  return out;
}

/** The mount namespace of a process, or undefined once it is gone. */
export async function mountNamespace(pid: number): Promise<string | undefined> {
  return readlink(`/proc/${pid}/ns/mnt`).catch(() => undefined);
}

/** Processes in a mount namespace, found by scanning /proc. */
export async function processesInNamespace(ns: string): Promise<number[]> {
  const out: number[] = [];
  for (const pid of await readdir('/proc')) {
    if (/^\d+$/.test(pid) && (await mountNamespace(Number(pid))) === ns) out.push(Number(pid));
  }
  return out;
}

export async function waitFor(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
