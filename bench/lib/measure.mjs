// Timing and memory of whole commands, as a user at a shell would see them.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export const RUNS = Number(process.env.BENCH_RUNS ?? 11);

/** Installs a Debian package when `probe` is missing; false when that was not possible. */
export function ensureDebian(pkg, probe) {
  if (existsSync(probe)) return true;
  const install = `apt-get install -y --no-install-recommends ${pkg} >/dev/null 2>&1`;
  const r = spawnSync('sh', ['-c', `${install} || (apt-get update >/dev/null 2>&1 && ${install})`], {
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  return r.status === 0 && existsSync(probe);
}

/**
 * Median wall time in ms of `argv` run from `cwd`, after one warm-up run. `prepare` runs before
 * each run (outside the timing) and `check` after each, so that a run that did not do its work
 * can never count.
 */
export function median(argv, { cwd, env, prepare, check, runs = RUNS, okStatus = [0] } = {}) {
  const times = [];
  for (let i = 0; i <= runs; i++) {
    prepare?.();
    const start = process.hrtime.bigint();
    const r = spawnSync(argv[0], argv.slice(1), { env, cwd, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    if (!okStatus.includes(r.status)) throw new Error(`${argv.join(' ')} failed (${r.status}): ${r.stderr}`);
    check?.();
    if (i > 0) times.push(ms);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

/** Peak resident memory of one run, in MiB (GNU time). */
export function peakRssMiB(argv, { cwd, env } = {}) {
  if (!ensureDebian('time', '/usr/bin/time')) return undefined;
  const r = spawnSync('/usr/bin/time', ['-f', '%M', ...argv], { env, cwd, encoding: 'utf8' });
  const kb = Number(r.stderr.trim().split('\n').pop());
  return Number.isFinite(kb) ? kb / 1024 : undefined;
}
