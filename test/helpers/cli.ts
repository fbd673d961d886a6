/**
 * Runs the real `yip` command line as a user would, in the form YIPTS_CLI names:
 *   bundle (default)  node packages/cli/dist/yip.cjs
 *   sea               packages/cli/dist/yip, the single executable (no node involved)
 *   source            the TypeScript sources through tsx
 * The built forms are (re)built first when missing or older than the sources.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = fileURLToPath(new URL('../..', import.meta.url));
export const CLI = join(REPO, 'packages/cli/dist/yip.cjs');
/** The single executable. */
export const SEA = join(REPO, 'packages/cli/dist/yip');

export type CliForm = 'bundle' | 'sea' | 'source';

export function cliForm(): CliForm {
  const want = process.env.YIPTS_CLI ?? 'bundle';
  if (want !== 'bundle' && want !== 'sea' && want !== 'source') throw new Error(`YIPTS_CLI=${want}: expected bundle, sea or source`);
  return want;
}

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist' || entry.name === 'test') continue;
    const full = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(full) : statSync(full).mtimeMs);
  }
  return newest;
}

/** When the oldest of the files was last written. */
function oldest(files: readonly string[]): number {
  return Math.min(...files.map((f) => statSync(f).mtimeMs));
}

let built = false;
export function ensureBuilt(): void {
  if (built) return;
  const outputs = [CLI, SEA, join(REPO, 'packages/cli/dist/yipts.1'), join(REPO, 'examples/motd-plugin/dist/index.js')];
  const stale =
    outputs.some((f) => !existsSync(f)) ||
    ['packages', 'plugins', 'examples', 'scripts'].some((d) => newestSource(join(REPO, d)) > oldest(outputs));
  if (stale) {
    const r = spawnSync(process.execPath, [join(REPO, 'scripts/build.mjs')], { stdio: 'inherit' });
    if (r.status !== 0) throw new Error('building the CLI failed');
  }
  built = true;
}

/** The command that starts yip in the chosen form: [program, ...arguments before yip's own]. */
export function cliCommand(form: CliForm = cliForm()): string[] {
  if (form === 'source') {
    const tsx = join(REPO, 'node_modules/tsx/dist/loader.mjs');
    return [process.execPath, '--conditions=source', '--import', tsx, join(REPO, 'packages/cli/src/bin.ts')];
  }
  ensureBuilt();
  return form === 'sea' ? [SEA] : [process.execPath, CLI];
}

/** The name a yip process has in /proc/PID/comm: its program's file name, cut to 15 bytes. */
export function cliProcessName(form: CliForm = cliForm()): string {
  return basename(cliCommand(form)[0]!).slice(0, 15);
}

export interface CliResult {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface CliOptions {
  readonly input?: string;
  readonly env?: Record<string, string | undefined>;
  readonly cwd?: string;
  /** Milliseconds before the test gives up on the process. */
  readonly timeoutMs?: number;
}

export function yip(args: readonly string[], options: CliOptions = {}): Promise<CliResult> {
  const [program, ...pre] = cliCommand();
  return new Promise((resolve, reject) => {
    const child = spawn(program!, [...pre, ...args], {
      cwd: options.cwd ?? REPO,
      // NODE_OPTIONS of the test runner (source conditions) must not leak into the CLI under test.
      env: dropUndefined({
        ...process.env,
        NODE_OPTIONS: undefined,
        FORCE_COLOR: undefined,
        NO_COLOR: '1',
        LOGLEVEL: 'info',
        ...options.env,
      }),
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout += c));
    child.stderr.on('data', (c) => (stderr += c));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
    child.stdin.end(options.input ?? '');
  });
}

function dropUndefined(env: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined));
}
