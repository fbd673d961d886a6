// Runs the real yip command line for the chroot tests: the bundle (packages/cli/dist/yip.cjs)
// when it was built after the last change to any source file, else the sources through tsx, so a stale bundle is
// never what gets tested. YIPTS_CLI=bundle|source forces one.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { mkdtemp, readdir, readFile, readlink, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const bundle = join(repo, 'packages/cli/dist/yip.cjs');
const sourceBin = join(repo, 'packages/cli/src/bin.ts');
const tsxLoader = join(repo, 'node_modules/tsx/dist/loader.mjs');

function newestSource(): number {
  let newest = 0;
  for (const group of ['packages', 'plugins']) {
    const base = join(repo, group);
    if (!existsSync(base)) continue;
    for (const pkg of readdirSync(base)) {
      const src = join(base, pkg, 'src');
      if (!existsSync(src)) continue;
      for (const file of readdirSync(src, { recursive: true }) as string[]) newest = Math.max(newest, statSync(join(src, file)).mtimeMs);
    }
  }
  return newest;
}

/** When the bundle was built: the older of the launcher and the code it loads; 0 when missing. */
function bundleBuiltAt(): number {
  const parts = [bundle, join(repo, 'packages/cli/dist/yip.bundle.cjs')].filter((p) => existsSync(p));
  if (!existsSync(bundle)) return 0;
  return Math.min(...parts.map((p) => statSync(p).mtimeMs));
}

let chosen: string[] | undefined;

/** The command that starts yip: [node, ...args before yip's own]. */
export function yipCommand(): string[] {
  if (chosen) return chosen;
  const want = process.env.YIPTS_CLI;
  const useBundle = want === 'bundle' || (want !== 'source' && bundleBuiltAt() > newestSource());
  chosen = useBundle ? [process.execPath, bundle] : [process.execPath, '--import', tsxLoader, sourceBin];
  return chosen;
}

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
  const [node, ...pre] = yipCommand();
  const env: Record<string, string> = { PATH: process.env.PATH ?? '/usr/sbin:/usr/bin:/sbin:/bin', LANG: 'C.UTF-8' };
  for (const [k, v] of Object.entries(opts.env ?? {})) if (v !== undefined) env[k] = v;
  const child = spawn(node!, [...pre, ...args], { cwd: opts.cwd ?? tmpdir(), env, stdio: ['ignore', 'pipe', 'pipe'] });
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

/** An executor configuration file (`--config`) holding the mount plugin's options. */
export async function mountConfig(mount: Record<string, unknown>): Promise<{ file: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'yipts-chroot-config-'));
  const file = join(dir, 'yip.config.json');
  await writeFile(file, JSON.stringify({ pluginOptions: { mount } }));
  return { file, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

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
