// `pnpm profile`: where the start-up time of the bundle goes, for P1 (no-op stage over the corpus)
// and P2 (200 files, durable). Each workload runs once under `node --cpu-prof` (sampling every
// 100 µs) and once under `--trace-gc`; the samples are attributed to the source files of the
// bundle through its source map (dist/yip.bundle.cjs.map) and printed as markdown: self time by
// package, the heaviest functions, and the GC pauses. The .cpuprofile files stay in a temporary
// directory, removed at the end (PROFILE_KEEP=1 keeps it and says where).
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { filesConfig } from './lib/workloads.mjs';

const repo = fileURLToPath(new URL('..', import.meta.url));
const launcher = join(repo, 'packages/cli/dist/yip.cjs');
const bundle = join(repo, 'packages/cli/dist/yip.bundle.cjs');
const work = mkdtempSync(join(tmpdir(), 'yipts-profile-'));
const cwd = join(work, 'cwd');
mkdirSync(cwd);
const env = { ...process.env, LOGLEVEL: 'error', NO_COLOR: '1' };
const sourceMap = new SourceMap(JSON.parse(readFileSync(`${bundle}.map`, 'utf8')));

/** The package a source file of the bundle belongs to: `@yipts/x`, `plugin x`, or an npm package. */
function packageOf(source) {
  const npm = source.match(/node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)/);
  if (npm) return npm[1];
  const own = source.match(/(packages|plugins)\/([^/]+)\//);
  if (own) return own[1] === 'packages' ? `@yipts/${own[2]}` : `plugin ${own[2]}`;
  return source;
}

/** Where a sampled frame comes from: a source file of the bundle, a Node.js internal, or V8's own. */
function origin(frame) {
  const { url, lineNumber, columnNumber, functionName } = frame;
  if (url === '' || url === undefined) return { group: functionName, where: functionName };
  if (url.endsWith('yip.bundle.cjs')) {
    const entry = sourceMap.findEntry(lineNumber, columnNumber);
    const source = entry?.originalSource ? relative(repo, resolve(dirname(bundle), entry.originalSource)) : 'bundle';
    const line = entry?.originalLine === undefined ? '' : `:${entry.originalLine + 1}`;
    return { group: packageOf(source), where: `${source}${line}` };
  }
  if (url.startsWith('node:')) return { group: 'node internals', where: url };
  return { group: url, where: `${url}:${lineNumber + 1}` };
}

/** Runs `args` under the CPU profiler; returns the profile and the wall time in ms. */
function cpuProfile(args, prepare) {
  const dir = join(work, `cpu-${Math.random().toString(36).slice(2)}`);
  prepare?.();
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ['--cpu-prof', '--cpu-prof-interval', '100', '--cpu-prof-dir', dir, launcher, ...args], {
    cwd,
    env,
    encoding: 'utf8',
  });
  const wall = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0) throw new Error(`yip ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
  const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
  return { profile: JSON.parse(readFileSync(join(dir, file), 'utf8')), wall };
}

/** Self time (ms) by group and by function, from the samples' time deltas. */
function selfTimes(profile) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const groups = new Map();
  const functions = new Map();
  const add = (map, key, ms) => map.set(key, (map.get(key) ?? 0) + ms);
  profile.samples.forEach((id, i) => {
    const ms = (profile.timeDeltas[i] ?? 0) / 1000;
    const frame = byId.get(id).callFrame;
    const { group, where } = origin(frame);
    add(groups, group, ms);
    add(functions, `${frame.functionName || '(anonymous)'} ${where}`, ms);
  });
  const total = (profile.endTime - profile.startTime) / 1000;
  return { total, groups, functions };
}

/** GC events and their pauses, from --trace-gc's lines (`…, 1.2 / 0.0 ms …`). */
function gcTrace(args, prepare) {
  prepare?.();
  const r = spawnSync(process.execPath, ['--trace-gc', launcher, ...args], { cwd, env, encoding: 'utf8' });
  const lines = r.stdout.split('\n').filter((l) => /Scavenge|Mark-Compact|Mark-sweep/.test(l));
  const pause = lines.reduce((sum, l) => sum + Number(l.match(/, ([\d.]+) \/ [\d.]+ ms/)?.[1] ?? 0), 0);
  const kinds = lines.map((l) => (l.includes('Scavenge') ? 'scavenge' : 'mark-compact'));
  return { count: lines.length, pause, scavenges: kinds.filter((k) => k === 'scavenge').length };
}

const top = (map, n) => [...map].sort((a, b) => b[1] - a[1]).slice(0, n);

function report(name, args, prepare) {
  const { profile, wall } = cpuProfile(args, prepare);
  const { total, groups, functions } = selfTimes(profile);
  const gc = gcTrace(args, prepare);
  console.log(`\n### ${name}\n`);
  console.log(`wall ${wall.toFixed(0)} ms under the profiler; ${total.toFixed(0)} ms profiled (from the start of the main script)`);
  console.log(`GC: ${gc.count} collections (${gc.scavenges} scavenges), ${gc.pause.toFixed(1)} ms of pauses\n`);
  console.log('| self time by origin | ms |\n| --- | --- |');
  for (const [group, ms] of top(groups, 12)) console.log(`| ${group} | ${ms.toFixed(1)} |`);
  console.log('\n| heaviest functions (self) | ms |\n| --- | --- |');
  for (const [fn, ms] of top(functions, 12)) console.log(`| ${fn.replaceAll('|', '\\|')} | ${ms.toFixed(1)} |`);
}

try {
  console.log(`## yipts start-up profile (node ${process.version})`);
  report('P1: no-op stage over the corpus', ['-s', 'no-such-stage', join(repo, 'test/corpus')]);
  const out = join(work, 'p2');
  report('P2: 200 files, mode 0640, durable', [filesConfig(work, out, 200)], () => rmSync(out, { recursive: true, force: true }));
} finally {
  if (process.env.PROFILE_KEEP === '1') console.error(`profiles kept in ${work}`);
  else rmSync(work, { recursive: true, force: true });
}
