/**
 * The progress plugin: what a person watching a boot, or a machine reading the log, needs to
 * know while a stage runs: a line when each step starts and when it ends (outcome and duration),
 * a reminder every `heartbeatMs` while a step is still running (as yip's "still running"), and
 * one closing line per run with the steps by outcome and the run's time. Every record carries an
 * `event` (`step-start`, `step-running`, `step-end`, `run-end`) and the stage, so the JSON log
 * format can be read by tools. Handles no key.
 */
import { definePlugin, s } from '@yipts/core';
import type { Plugin, StepContext } from '@yipts/core';
import { formatDuration } from './duration.js';
import { startHeartbeat } from './heartbeat.js';
import { countSteps } from './summary.js';

export const PLUGIN_NAME = 'progress';

/** yip reminds every 10 seconds that a stage is still running. */
export const DEFAULT_HEARTBEAT_MS = 10_000;

export interface ProgressOptions {
  /** How often a running step is reported as still running; 0 turns the reminder off. */
  readonly heartbeatMs?: number;
}

/** The options, checked before the plugin is made (an executor configuration's `pluginOptions`). */
export const OPTIONS_SCHEMA = s.object({ heartbeatMs: s.describe(s.integer(), 'how often a running step is reported; 0: never') });

export default function progressPlugin(options: ProgressOptions = {}): Plugin {
  const heartbeatMs = options.heartbeatMs ?? DEFAULT_HEARTBEAT_MS;
  if (!Number.isFinite(heartbeatMs) || heartbeatMs < 0)
    throw new Error(`progress: heartbeatMs must be a number of milliseconds >= 0, got ${heartbeatMs}`);
  // The same StepContext object reaches stepStart and stepEnd, so it keys the step's reminder;
  // a WeakMap lets a step that never ends (an aborted run) take its entry with it.
  const heartbeats = new WeakMap<StepContext, () => void>();
  return definePlugin({
    name: PLUGIN_NAME,
    apply(hooks) {
      hooks.stepStart.tap(PLUGIN_NAME, (ctx) => {
        const stage = ctx.stage;
        ctx.logger.log('info', 'started', { event: 'step-start', stage });
        if (heartbeatMs === 0) return;
        const stop = startHeartbeat(heartbeatMs, (elapsed) =>
          ctx.logger.log('info', `still running (${formatDuration(elapsed)})`, {
            event: 'step-running',
            stage,
            durationMs: Math.round(elapsed),
          }),
        );
        heartbeats.set(ctx, stop);
      });
      hooks.stepEnd.tap(PLUGIN_NAME, (ctx, result) => {
        heartbeats.get(ctx)?.();
        heartbeats.delete(ctx);
        const meta = { event: 'step-end', stage: ctx.stage, status: result.status, durationMs: Math.round(result.durationMs) };
        // The engine already says at INFO why a step was skipped; the end record is for tools.
        const level = result.status === 'skipped' ? 'debug' : result.status === 'failed' ? 'warning' : 'info';
        ctx.logger.log(level, `${result.status} in ${formatDuration(result.durationMs)}`, meta);
      });
      hooks.afterRun.tap(PLUGIN_NAME, (run, result) => {
        if (run.options.analyze) return;
        const steps = countSteps(result);
        const status = result.ok ? 'ok' : 'failed';
        const text = `${steps.ok} ok, ${steps.failed} failed, ${steps.skipped} skipped in ${formatDuration(result.durationMs)}`;
        run.logger.log(result.ok ? 'info' : 'warning', `run finished: ${text}`, {
          event: 'run-end',
          status,
          steps,
          durationMs: Math.round(result.durationMs),
        });
      });
    },
  });
}

export { formatDuration, countSteps, progressPlugin };
export type { StepCounts } from './summary.js';
