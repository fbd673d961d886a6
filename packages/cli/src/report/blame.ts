/** `yip blame FILE`: the steps of a timings report, slowest first, as `cloud-init analyze blame` lists them. */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { EXIT_OK } from '@yipts/preset';
import type { CliIO } from '../io.js';
import type { TimingsReport } from './timings.js';

interface BlamedStep {
  readonly durationMs: number;
  readonly file: string;
  readonly id: string;
  readonly stage: string;
}

export async function readReport(path: string): Promise<TimingsReport> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
    throw new Error(`blame: cannot read ${path}: ${reason}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new Error(`blame: ${path} is not JSON: ${(error as Error).message}`);
  }
  const report = data as Partial<TimingsReport> | null;
  if (typeof report?.yipts !== 'string' || !Array.isArray(report.stages)) {
    throw new Error(`blame: ${path} is not a timings report (written by yip --report or yip run-stage --report)`);
  }
  return report as TimingsReport;
}

export function blameLines(report: TimingsReport, top: number | undefined): string[] {
  const steps: BlamedStep[] = report.stages.flatMap((stage) =>
    stage.steps.map((s) => ({ durationMs: s.durationMs, file: s.file, id: s.id, stage: stage.stage })),
  );
  steps.sort((a, b) => b.durationMs - a.durationMs);
  const shown = top === undefined ? steps : steps.slice(0, top);
  const seconds = shown.map((s) => `${(s.durationMs / 1000).toFixed(2)}s`);
  const width = Math.max(0, ...seconds.map((s) => s.length));
  return shown.map((s, i) => `  ${seconds[i]!.padStart(width)}  ${s.file} (${s.id})  ${s.stage}`);
}

export async function blameCommand(file: string, top: number | undefined, io: CliIO): Promise<number> {
  const report = await readReport(resolve(io.cwd, file));
  const lines = blameLines(report, top);
  const total = `-- ${lines.length} step(s) shown; the run took ${(report.durationMs / 1000).toFixed(2)}s (yipts ${report.yipts})`;
  io.stdout(`${[...lines, total].join('\n')}\n`);
  return EXIT_OK;
}
