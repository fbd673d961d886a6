/**
 * Runs the real, bundled `yip` command line (packages/cli/dist/yip.cjs) as a user would, building
 * it first when it is missing or older than the sources.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = fileURLToPath(new URL('../..', import.meta.url));
export const CLI = join(REPO, 'packages/cli/dist/yip.cjs');

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist' || entry.name === 'test') continue;
    const full = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(full) : statSync(full).mtimeMs);
  }
  return newest;
}

let built = false;
export function ensureBuilt(): void {
  if (built) return;
  const stale =
    !existsSync(CLI) ||
    !existsSync(join(REPO, 'packages/cli/dist/yipts.1')) ||
    !existsSync(join(REPO, 'examples/motd-plugin/dist/index.mjs')) ||
    ['packages', 'plugins', 'examples'].some((d) => newestSource(join(REPO, d)) > statSync(CLI).mtimeMs);
  if (stale) {
    const r = spawnSync(process.execPath, [join(REPO, 'scripts/build.mjs')], { stdio: 'inherit' });
    if (r.status !== 0) throw new Error('building the CLI failed');
  }
  built = true;
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
  ensureBuilt();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd: options.cwd ?? REPO,
      // NODE_OPTIONS of the test runner (source conditions) must not leak into the CLI under test.
      env: dropUndefined({ ...process.env, NODE_OPTIONS: undefined, FORCE_COLOR: undefined, NO_COLOR: '1', LOGLEVEL: 'info', ...options.env }),
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
