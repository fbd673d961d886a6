/**
 * The timings of a run, for `--report`: a plugin that only listens. It notes when the run, each
 * stage and each step started; the durations are the engine's own (`StepResult.durationMs`).
 */
import type { Plugin, RunResult, StageResult } from '@yipts/core';
import { VERSION } from '../version.js';

export interface StepTiming {
  readonly id: string;
  readonly file: string;
  readonly status: string;
  /** Milliseconds from the start of the run; null for a step that never started (invalid). */
  readonly startMs: number | null;
  readonly durationMs: number;
  readonly skipReason?: string;
  readonly errors?: readonly string[];
}

export interface StageTiming {
  readonly stage: string;
  readonly source: string;
  readonly startMs: number;
  readonly durationMs: number;
  readonly steps: readonly StepTiming[];
}

/** What `--report FILE` holds; `yip blame` reads it. */
export interface TimingsReport {
  readonly yipts: string;
  readonly command: string;
  readonly startedAt: string;
  readonly durationMs: number;
  readonly ok: boolean;
  readonly stages: readonly StageTiming[];
}

// Monotonic, as the engine's own durations are.
const clock = () => Number(process.hrtime.bigint()) / 1e6;
const round = (ms: number) => Math.round(ms * 1000) / 1000;

export interface TimingsRecorder {
  readonly plugin: Plugin;
  report(command: string, result: RunResult): TimingsReport;
}

export function timingsRecorder(): TimingsRecorder {
  let runStart = clock();
  let startedAt = new Date();
  const stageStarts = new Map<string, number>();
  const stepStarts = new Map<string, number>();
  const stages: StageTiming[] = [];
  const key = (stage: string, source: string, id = '') => JSON.stringify([stage, source, id]);
  const since = (t: number | undefined) => (t === undefined ? null : round(t - runStart));

  const stageTiming = (result: StageResult): StageTiming => {
    const start = stageStarts.get(key(result.stage, result.source)) ?? clock();
    return {
      stage: result.stage,
      source: result.source,
      startMs: round(start - runStart),
      durationMs: round(clock() - start),
      steps: result.steps.map((s) => ({
        id: s.id,
        file: s.file,
        status: s.status,
        startMs: since(stepStarts.get(key(result.stage, result.source, s.id))),
        durationMs: round(s.durationMs),
        ...(s.skipReason !== undefined ? { skipReason: s.skipReason } : {}),
        ...(s.errors.length ? { errors: s.errors.map((e) => e.message) } : {}),
      })),
    };
  };

  const plugin: Plugin = {
    name: 'yipts:timings',
    apply(hooks) {
      hooks.beforeRun.tap('yipts:timings', () => {
        runStart = clock();
        startedAt = new Date();
      });
      hooks.stageStart.tap('yipts:timings', (stage) => {
        stageStarts.set(key(stage.stage, stage.sourceName), clock());
      });
      hooks.stepStart.tap('yipts:timings', (step) => {
        stepStarts.set(key(step.stage, step.stageContext.sourceName, step.step.id), clock());
      });
      hooks.stageEnd.tap('yipts:timings', (_stage, result) => {
        stages.push(stageTiming(result));
      });
    },
  };

  return {
    plugin,
    report: (command, result) => ({
      yipts: VERSION,
      command,
      startedAt: startedAt.toISOString(),
      durationMs: round(result.durationMs),
      ok: result.ok,
      stages,
    }),
  };
}
