/**
 * Running plugins against the real host root (`/`) without changing the machine (as root): the run
 * happens in a child process inside new mount, UTS and network namespaces (unshare(1)), with
 * chosen directories (default /etc) under an overlay whose upper layer is a temporary
 * directory. The host's code paths run for real (live host name, /proc/sys writes of
 * namespaced keys, systemctl on /), while every write lands in the overlay or the namespace, and
 * all of it vanishes with the child. Tests read what was written from `upper(dir)`.
 */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface HostRunSpec {
  readonly yaml: string;
  readonly stage: string;
  /**
   * Plugin modules whose default export is the factory, called with `options` in the child:
   * a URL or absolute path (`new URL('../src/index.ts', import.meta.url)`) or a package name the
   * child can resolve.
   */
  readonly plugins: readonly { readonly module: string | URL; readonly options?: unknown }[];
  readonly env?: Readonly<Record<string, string>>;
  /** Target root of the run (default `/`, the host). */
  readonly root?: string;
  /** Files read inside the namespaces after the run (e.g. /proc/sys/kernel/domainname). */
  readonly probes?: readonly string[];
}

export interface HostRunSummary {
  readonly ok: boolean;
  readonly steps: readonly { readonly id: string; readonly status: string; readonly errors: readonly string[] }[];
  /** The message of every error: the steps' (also in `steps`), then the run's own. */
  readonly errors: readonly string[];
  readonly logs: readonly { readonly level: string; readonly message: string }[];
  /** The host name inside the namespace after the run. */
  readonly hostname: string;
  /** Content of each probe after the run; null when it could not be read. */
  readonly probes: Readonly<Record<string, string | null>>;
}

export interface IsolationOptions {
  /** Directories overlaid so that writes land in a temporary upper layer (default ['/etc']). */
  readonly overlays?: readonly string[];
  /** Directories replaced by an empty tmpfs. */
  readonly tmpfs?: readonly string[];
  /** Shell commands run after the mounts, before the plugins (still inside the namespaces). */
  readonly setup?: string;
}

export interface HostRun extends HostRunSummary {
  /** The overlay's upper layer of `dir`: what the run created or changed under it. */
  upper(dir: string): string;
  /** Removes the temporary directories. */
  cleanup(): Promise<void>;
}

// The child module sits beside this one: `.ts` in the sources, `.js` once built.
const CHILD = fileURLToPath(new URL(`./isolated-host-child${extname(fileURLToPath(import.meta.url))}`, import.meta.url));

/** Runs the spec in the namespaces; the caller must call `cleanup()` on the result. */
export async function runOnIsolatedHost(spec: HostRunSpec, options: IsolationOptions = {}): Promise<HostRun> {
  const work = await mkdtemp(join(tmpdir(), 'yipts-hostns-'));
  const overlays = options.overlays ?? ['/etc'];
  const uppers = new Map<string, string>();
  const lines = ['set -e'];
  for (const [i, dir] of overlays.entries()) {
    const upper = join(work, `overlay-${i}`, 'upper');
    const wd = join(work, `overlay-${i}`, 'work');
    await mkdir(upper, { recursive: true });
    await mkdir(wd, { recursive: true });
    uppers.set(dir, upper);
    lines.push(`mount -t overlay overlay -o lowerdir=${dir},upperdir=${upper},workdir=${wd} ${dir}`);
  }
  for (const dir of options.tmpfs ?? []) lines.push(`mount -t tmpfs tmpfs ${dir}`);
  if (options.setup) lines.push(options.setup);
  lines.push('exec "$@"');
  const specPath = join(work, 'spec.json');
  const outPath = join(work, 'summary.json');
  const plugins = spec.plugins.map((p) => ({ ...p, module: p.module instanceof URL ? p.module.href : p.module }));
  await writeFile(specPath, JSON.stringify({ ...spec, plugins }));
  // The child gets the test process's Node flags, so a TypeScript loader (tsx) carries over.
  const node = [process.execPath, ...process.execArgv, CHILD, specPath, outPath];
  const argv = ['-m', '-u', '-n', '--propagation', 'private', '--', 'sh', '-c', lines.join('\n'), 'sh', ...node];
  try {
    await new Promise<void>((ok, fail) => {
      execFile('unshare', argv, { timeout: 120_000, maxBuffer: 16 << 20 }, (error, stdout, stderr) => {
        if (error) fail(new Error(`isolated host run failed: ${error.message}\n${stdout}\n${stderr}`));
        else ok();
      });
    });
    const summary = JSON.parse(await readFile(outPath, 'utf8')) as HostRunSummary;
    return {
      ...summary,
      upper: (dir) => {
        const u = uppers.get(dir);
        if (!u) throw new Error(`${dir} was not overlaid`);
        return u;
      },
      cleanup: () => rm(work, { recursive: true, force: true }),
    };
  } catch (error) {
    await rm(work, { recursive: true, force: true });
    throw error;
  }
}
