// Benchmarks of the bundled CLI (P1 also of the single executable), each against a baseline measured in the same run; prints
// medians and ratios. Run with `pnpm bench` (builds the bundle first). Needs root for P2's
// chmod baseline parity and for installing `time`/`cloud-init` from Debian when missing.
//   P1  no-op stage over the whole corpus        vs node -e 0         goal <= 1.5x, peak RSS <= 64 MiB
//   P2  writing 200 files                        vs sh printf+chmod   goal <= 0.6x (cloud-init <= 0.25x)
//   P3  200 `true` commands                      vs sh running sh -c true 200 times   goal <= 1.3x
//   P4  8 x `sleep 0.3` after one first step     wall time            goal <= 0.5 s
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('..', import.meta.url));
const cli = join(repo, 'packages/cli/dist/yip.cjs');
const sea = join(repo, 'packages/cli/dist/yip');
const corpus = join(repo, 'test', 'corpus');
const RUNS = Number(process.env.BENCH_RUNS ?? 11);
const work = mkdtempSync(join(tmpdir(), 'yipts-bench-'));
const env = { ...process.env, LOGLEVEL: 'error', NO_COLOR: '1' };

function ensureDebian(pkg, probe) {
  if (existsSync(probe)) return true;
  const r = spawnSync('sh', ['-c', `apt-get install -y --no-install-recommends ${pkg} >/dev/null 2>&1 || (apt-get update >/dev/null 2>&1 && apt-get install -y --no-install-recommends ${pkg} >/dev/null 2>&1)`], { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  return r.status === 0 && existsSync(probe);
}

/** Median wall time in ms of a command, after one warm-up run; `prepare` runs before each. */
function median(argv, { prepare, runs = RUNS } = {}) {
  const times = [];
  for (let i = 0; i <= runs; i++) {
    prepare?.();
    const start = process.hrtime.bigint();
    // From an empty directory, as at boot: a package.json in the working directory would make
    // the CLI look for an executor configuration in it.
    const r = spawnSync(argv[0], argv.slice(1), { env, cwd: work, stdio: ['ignore', 'ignore', 'pipe'] });
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    if (r.status !== 0) throw new Error(`${argv.join(' ')} failed (${r.status}): ${r.stderr}`);
    if (i > 0) times.push(ms);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

function peakRssMiB(argv) {
  if (!ensureDebian('time', '/usr/bin/time')) return undefined;
  const r = spawnSync('/usr/bin/time', ['-f', '%M', ...argv], { env, cwd: work, encoding: 'utf8' });
  const kb = Number(r.stderr.trim().split('\n').pop());
  return kb / 1024;
}

const rows = [];
const row = (name, value, unit, baseline, goal) => {
  const ratio = baseline ? value / baseline : undefined;
  const measured = ratio ?? value;
  rows.push({ name, value, unit, baseline, ratio, goal, ok: goal === undefined ? undefined : measured <= goal });
};

// P1
const p1 = median([process.execPath, cli, '-s', 'no-such-stage', corpus]);
const node0 = median([process.execPath, '-e', '0']);
row('P1 no-op stage over the corpus', p1, 'ms', node0, 1.5);
const rss = peakRssMiB([process.execPath, cli, '-s', 'no-such-stage', corpus]);
if (rss !== undefined) row('P1 peak memory', rss, 'MiB', undefined, 64);
const p1sea = median([sea, '-s', 'no-such-stage', corpus]);
row('P1 the same, single executable', p1sea, 'ms', node0, 1.5);
const rssSea = peakRssMiB([sea, '-s', 'no-such-stage', corpus]);
if (rssSea !== undefined) row('P1 peak memory, single executable', rssSea, 'MiB', undefined, 64);

// P2
const out = join(work, 'files');
const filesYaml = join(work, 'files.yaml');
const entries = Array.from({ length: 200 }, (_, i) => `      - path: ${out}/f${i}.conf\n        permissions: 0640\n        content: "key${i}=value${i}\\n"`).join('\n');
writeFileSync(filesYaml, `stages:\n  default:\n    - files:\n${entries}\n`);
const shScript = join(work, 'files.sh');
writeFileSync(shScript, `mkdir -p ${out}\n${Array.from({ length: 200 }, (_, i) => `printf 'key${i}=value${i}\\n' > ${out}/f${i}.conf && chmod 0640 ${out}/f${i}.conf`).join('\n')}\n`);
const reset = () => rmSync(out, { recursive: true, force: true });
const p2 = median([process.execPath, cli, filesYaml], { prepare: reset });
const p2sh = median(['sh', shScript], { prepare: reset });
row('P2 write 200 files', p2, 'ms', p2sh, 0.6);
if (ensureDebian('cloud-init', '/usr/bin/cloud-init')) {
  const ciCfg = join(work, 'cloud-init.yaml');
  writeFileSync(ciCfg, `#cloud-config\nwrite_files:\n${Array.from({ length: 200 }, (_, i) => `  - path: ${out}/f${i}.conf\n    permissions: '0640'\n    content: "key${i}=value${i}\\n"`).join('\n')}\n`);
  try {
    const ci = median(['cloud-init', '--file', ciCfg, 'single', '--name', 'write_files', '--frequency', 'always'], { prepare: reset, runs: 5 });
    row('P2 write 200 files vs cloud-init', p2, 'ms', ci, 0.25);
  } catch (e) {
    console.error(`cloud-init baseline skipped: ${e.message.split('\n')[0]}`);
  }
} else console.error('cloud-init baseline skipped: cloud-init could not be installed');

// P3
const cmdsYaml = join(work, 'commands.yaml');
writeFileSync(cmdsYaml, `stages:\n  default:\n    - commands:\n${Array.from({ length: 200 }, () => '        - "true"').join('\n')}\n`);
const p3 = median([process.execPath, cli, cmdsYaml]);
const p3sh = median(['sh', '-c', 'i=0; while [ $i -lt 200 ]; do sh -c true; i=$((i+1)); done']);
row('P3 200 true commands', p3, 'ms', p3sh, 1.3);

// P4
const sleepYaml = join(work, 'sleep.yaml');
writeFileSync(sleepYaml, `name: p4\nstages:\n  default:\n    - name: first\n      commands: ["true"]\n${Array.from({ length: 8 }, (_, i) => `    - name: s${i}\n      after: [{name: p4.first}]\n      commands: ["sleep 0.3"]`).join('\n')}\n`);
const p4 = median([process.execPath, cli, sleepYaml], { runs: 5 });
row('P4 8 parallel sleep 0.3 (wall)', p4 / 1000, 's', undefined, 0.5);

rmSync(work, { recursive: true, force: true });
const fmt = (n) => (n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(3));
console.log(`\nyipts benchmarks (median of ${RUNS} runs; node ${process.version})\n`);
console.log('| benchmark | yipts | baseline | ratio | goal | met |');
console.log('| --- | --- | --- | --- | --- | --- |');
for (const r of rows) {
  console.log(`| ${r.name} | ${fmt(r.value)} ${r.unit} | ${r.baseline === undefined ? '' : `${fmt(r.baseline)} ms`} | ${r.ratio === undefined ? '' : `${r.ratio.toFixed(2)}x`} | ${r.goal === undefined ? '' : `<= ${r.goal}${r.ratio === undefined ? ` ${r.unit}` : 'x'}`} | ${r.ok === undefined ? '' : r.ok ? 'yes' : 'no'} |`);
}
