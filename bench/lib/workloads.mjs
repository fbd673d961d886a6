// The workloads of `pnpm bench`, each measured for one command line (`cli`: the argv that
// starts yipts) against a baseline of the same run, and each checking that the work was done.
import { cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkFiles, checkLines } from './checks.mjs';
import { ensureDebian, median, peakRssMiB } from './measure.mjs';
import { row } from './report.mjs';

const fileEntries = (dir, count, indent) =>
  Array.from(
    { length: count },
    (_, i) => `${indent}- path: ${dir}/f${i}.conf\n${indent}  permissions: 0640\n${indent}  content: "key${i}=value${i}\\n"`,
  ).join('\n');

/** A config with one step writing `count` files into `dir`. */
export function filesConfig(work, dir, count) {
  const path = join(work, `files-${count}.yaml`);
  writeFileSync(path, `stages:\n  default:\n    - files:\n${fileEntries(dir, count, '      ')}\n`);
  return path;
}

/** P1 and P5: a stage no file has, over the whole corpus: start-up, reading and planning. */
export function noOpStage(ctx, cli, label) {
  const argv = [...cli, '-s', 'no-such-stage', ctx.corpus];
  row(`P1 no-op stage over the corpus [${label}]`, median(argv, ctx.run), 'ms', {
    baseline: ctx.node0,
    baselineName: 'node -e 0',
    goal: 1.2,
  });
  const rss = peakRssMiB(argv, ctx.run);
  if (rss !== undefined) row(`P5 peak memory of P1 [${label}]`, rss, 'MiB', { goal: 48 });
}

/** P2: 200 files of mode 0640, durable, against a shell script and cloud-init's write_files. */
export function writeFiles(ctx, cli, label) {
  const out = join(ctx.work, 'p2');
  const config = filesConfig(ctx.work, out, 200);
  const reset = () => rmSync(out, { recursive: true, force: true });
  const check = () => checkFiles(out, 200);
  const ms = median([...cli, config], { ...ctx.run, prepare: reset, check });
  if (ctx.baselines.sh === undefined) {
    const script = join(ctx.work, 'files.sh');
    const lines = Array.from(
      { length: 200 },
      (_, i) => `printf 'key${i}=value${i}\\n' > ${out}/f${i}.conf && chmod 0640 ${out}/f${i}.conf`,
    );
    writeFileSync(script, `mkdir -p ${out}\n${lines.join('\n')}\n`);
    ctx.baselines.sh = median(['sh', script], { ...ctx.run, prepare: reset, check });
    ctx.baselines.cloudInit = cloudInitBaseline(ctx, out, reset, check);
  }
  row(`P2 write 200 files [${label}]`, ms, 'ms', { baseline: ctx.baselines.sh, baselineName: 'sh printf+chmod', goal: 0.5 });
  if (ctx.baselines.cloudInit !== undefined) {
    row(`P2 write 200 files [${label}]`, ms, 'ms', {
      baseline: ctx.baselines.cloudInit,
      baselineName: 'cloud-init write_files',
      goal: 0.25,
    });
  }
}

function cloudInitBaseline(ctx, out, reset, check) {
  if (!ensureDebian('cloud-init', '/usr/bin/cloud-init')) {
    console.error('cloud-init baseline left out: cloud-init could not be installed');
    return undefined;
  }
  const config = join(ctx.work, 'cloud-init.yaml');
  const entries = Array.from(
    { length: 200 },
    (_, i) => `  - path: ${out}/f${i}.conf\n    permissions: '0640'\n    content: "key${i}=value${i}\\n"`,
  );
  writeFileSync(config, `#cloud-config\nwrite_files:\n${entries.join('\n')}\n`);
  try {
    return median(['cloud-init', '--file', config, 'single', '--name', 'write_files', '--frequency', 'always'], {
      ...ctx.run,
      prepare: reset,
      check,
      runs: 5,
    });
  } catch (error) {
    console.error(`cloud-init baseline left out: ${error.message.split('\n')[0]}`);
    return undefined;
  }
}

/** P3: 200 commands, each appending a line, against sh starting `sh -c` 200 times. */
export function commands(ctx, cli, label) {
  const counter = join(ctx.work, 'p3-counter');
  const config = join(ctx.work, 'commands.yaml');
  writeFileSync(
    config,
    `stages:\n  default:\n    - commands:\n${Array.from({ length: 200 }, () => `        - echo x >> ${counter}`).join('\n')}\n`,
  );
  const reset = () => rmSync(counter, { force: true });
  const check = () => checkLines(counter, 200);
  const ms = median([...cli, config], { ...ctx.run, prepare: reset, check });
  ctx.baselines.shCommands ??= median(['sh', '-c', `i=0; while [ $i -lt 200 ]; do sh -c 'echo x >> ${counter}'; i=$((i+1)); done`], {
    ...ctx.run,
    prepare: reset,
    check,
  });
  row(`P3 200 commands [${label}]`, ms, 'ms', { baseline: ctx.baselines.shCommands, baselineName: 'sh -c, 200 times', goal: 0.8 });
}

/** P4: 8 steps of `sleep 0.3` that wait for one first step: they must run at once. */
export function parallelSteps(ctx, cli, label) {
  const counter = join(ctx.work, 'p4-counter');
  const config = join(ctx.work, 'sleep.yaml');
  const sleepers = Array.from(
    { length: 8 },
    (_, i) => `    - name: s${i}\n      after: [{name: p4.first}]\n      commands: ["sleep 0.3; echo s >> ${counter}"]`,
  );
  writeFileSync(
    config,
    `name: p4\nstages:\n  default:\n    - name: first\n      commands: ["echo f >> ${counter}"]\n${sleepers.join('\n')}\n`,
  );
  const ms = median([...cli, config], {
    ...ctx.run,
    runs: 5,
    prepare: () => rmSync(counter, { force: true }),
    check: () => checkLines(counter, 9),
  });
  row(`P4 8 steps of sleep 0.3 after one step, wall [${label}]`, ms / 1000, 's', { goal: 0.35 });
}

/**
 * P6: time per file (20 to 20,000 files in one step) and per step (10 to 1,000 steps spread
 * over 100 config files) must stay flat: the largest size at most 1.5x the one before it.
 */
export function scaling(ctx, cli, label) {
  const perFile = new Map();
  for (const count of [20, 200, 2_000, 20_000]) {
    const out = join(ctx.work, `p6-${count}`);
    const config = filesConfig(ctx.work, out, count);
    const runs = count >= 20_000 ? 2 : 5;
    const ms = median([...cli, config], {
      ...ctx.run,
      runs,
      prepare: () => rmSync(out, { recursive: true, force: true }),
      check: () => checkFiles(out, count),
    });
    perFile.set(count, ms / count);
    if (count === 20_000) {
      const rss = peakRssMiB([...cli, config], ctx.run);
      if (rss !== undefined) row(`P6 peak memory, 20,000 files [${label}]`, rss, 'MiB', { note: 'stated' });
    }
    rmSync(out, { recursive: true, force: true });
  }
  for (const [count, ms] of perFile) row(`P6 per file, ${count} files [${label}]`, ms, 'ms');
  row(`P6 per file, 20,000 vs 2,000 files [${label}]`, perFile.get(20_000), 'ms', {
    baseline: perFile.get(2_000),
    baselineName: 'at 2,000',
    goal: 1.5,
  });

  const perStep = new Map();
  for (const steps of [10, 100, 1_000]) {
    const dir = join(ctx.work, `p6-steps-${steps}`);
    const out = join(ctx.work, `p6-steps-out-${steps}`);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    for (let f = 0; f < 100; f++) {
      const mine = Array.from({ length: steps }, (_, i) => i).filter((i) => i % 100 === f);
      const body = mine.map(
        (i) =>
          `    - name: s${i}\n      files:\n${fileEntries(out, 1, '        ')
            .replace(/f0\.conf/, `f${i}.conf`)
            .replace(/key0=value0/, `key${i}=value${i}`)}`,
      );
      writeFileSync(join(dir, `${String(f).padStart(3, '0')}.yaml`), `name: c${f}\nstages:\n  default:\n${body.join('\n') || '    []'}\n`);
    }
    const ms = median([...cli, dir], {
      ...ctx.run,
      runs: 5,
      prepare: () => rmSync(out, { recursive: true, force: true }),
      check: () => checkFiles(out, steps),
    });
    perStep.set(steps, ms / steps);
  }
  for (const [steps, ms] of perStep) row(`P6 per step, ${steps} steps in 100 files [${label}]`, ms, 'ms');
  row(`P6 per step, 1,000 vs 100 steps [${label}]`, perStep.get(1_000), 'ms', {
    baseline: perStep.get(100),
    baselineName: 'at 100',
    goal: 1.5,
  });
}

/**
 * P7: a whole boot — run-stage of rootfs, initramfs, boot, fs and network (each with its
 * .before and .after) over the corpus placed in /oem of a target root that has nothing to
 * execute. Plugins that would reach devices or the network (layout, datasource, downloads,
 * authorized keys, git, images, packages) are disabled for it.
 */
export function wholeBoot(ctx, cli, label) {
  if (process.getuid?.() !== 0) {
    console.error('P7 left out: run-stage with --root needs root');
    return;
  }
  const root = join(ctx.work, 'p7-root');
  rmSync(root, { recursive: true, force: true });
  mkdirSync(join(root, 'etc'), { recursive: true });
  for (const dir of ['dev', 'proc', 'sys', 'run', 'tmp']) mkdirSync(join(root, dir), { recursive: true });
  cpSync(ctx.corpus, join(root, 'oem'), { recursive: true });
  writeFileSync(join(root, 'etc/os-release'), 'ID=bench\nPRETTY_NAME="bench"\n');
  const cwd = join(ctx.work, 'p7-cwd');
  mkdirSync(cwd, { recursive: true });
  writeFileSync(join(cwd, 'yip.config.yaml'), 'disable: [layout, datasource, downloads, authorized-keys, git, unpack-images, packages]\n');
  const stages = ['rootfs', 'initramfs', 'boot', 'fs', 'network'];
  const script = stages.map((s) => `${cli.map((a) => `'${a}'`).join(' ')} run-stage --root '${root}' --no-cmdline ${s}`).join(' && ');
  const ms = median(['sh', '-c', script], { ...ctx.run, cwd, runs: 3 });
  row(`P7 whole boot, 5 run-stages over the corpus in /oem [${label}]`, ms, 'ms', {
    baseline: 5 * ctx.node0,
    baselineName: '5 x node -e 0',
    goal: 1.2,
  });
}
