// `pnpm bench`: benchmarks of the command line, each against a baseline measured in the same run,
// for the bundle (`node dist/yip.cjs`) and, when it has been built, the single executable
// (`dist/yip`). Prints medians, ratios and goals; every run checks that its work was done.
//   P1 no-op stage over the corpus      vs node -e 0                  <= 1.2x
//   P2 200 files, mode 0640, durable    vs sh / cloud-init            <= 0.5x / <= 0.25x
//   P3 200 commands                     vs sh starting sh -c 200 times <= 0.8x
//   P4 8 x sleep 0.3 after one step     wall                          <= 0.35 s
//   P5 peak memory of P1                                              <= 48 MiB
//   P6 scaling of files and steps       largest vs the size before    <= 1.5x
//   P7 a whole boot (5 run-stages)      vs 5 x node -e 0              <= 1.2x
// BENCH_RUNS sets the number of runs (default 11); BENCH_ONLY=P1,P2 picks workloads.
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { median, RUNS } from './lib/measure.mjs';
import { printReport } from './lib/report.mjs';
import { commands, noOpStage, parallelSteps, scaling, wholeBoot, writeFiles } from './lib/workloads.mjs';

const repo = fileURLToPath(new URL('..', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'yipts-bench-'));
// From an empty directory, as at boot: a package.json in the working directory would make the
// command line look for an executor configuration in it.
const cwd = join(work, 'cwd');
mkdirSync(cwd);
const ctx = {
  work,
  corpus: join(repo, 'test', 'corpus'),
  run: { cwd, env: { ...process.env, LOGLEVEL: 'error', NO_COLOR: '1' } },
  baselines: {},
  node0: 0,
};
ctx.node0 = median([process.execPath, '-e', '0'], ctx.run);

const clis = [['bundle', [process.execPath, join(repo, 'packages/cli/dist/yip.cjs')]]];
const executable = join(repo, 'packages/cli/dist/yip');
if (existsSync(executable)) clis.push(['executable', [executable]]);

const only = process.env.BENCH_ONLY?.split(',');
const workloads = { P1: noOpStage, P2: writeFiles, P3: commands, P4: parallelSteps, P6: scaling, P7: wholeBoot };
try {
  for (const [id, workload] of Object.entries(workloads)) {
    if (only && !only.includes(id)) continue;
    for (const [label, cli] of clis) workload(ctx, cli, label);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
printReport(`yipts benchmarks (median of ${RUNS} runs unless noted; node ${process.version}; node -e 0: ${ctx.node0.toFixed(1)} ms)`);
