/** Shared pieces of the core suites: scratch directories, a recording logger, small plugins, reading results. */
import { tempDirs as scratchDirs } from '@yipts/temp-dirs';
import type { TempDirs } from '@yipts/temp-dirs';
import * as assert from 'uvu/assert';
import { ACTION_ORDER, defineAction, definePlugin, s } from '../src/index.js';
import type { Diagnostic, Logger, LogLevel, LogMeta, Plugin, RunResult, SourceInput, StepResult } from '../src/index.js';

/** Scratch directories of one suite (`@yipts/temp-dirs`), named `yipts-core-*`. */
export const tempDirs = (): TempDirs => scratchDirs('yipts-core-');

export interface LogRecord {
  readonly level: LogLevel;
  readonly message: string;
  readonly meta: LogMeta | undefined;
}

export function recordingLogger(): { logger: Logger; records: LogRecord[] } {
  const records: LogRecord[] = [];
  return { logger: { log: (level, message, meta) => void records.push({ level, message, meta }) }, records };
}

export const inline = (name: string, text: string): SourceInput => ({ kind: 'inline', name, text });

/** Every step result of a run, whatever stage or source it came from. */
export function allSteps(result: RunResult): StepResult[] {
  return result.stages.flatMap((st) => st.steps);
}

export function stepOf(result: RunResult, id: string): StepResult {
  const found = allSteps(result).find((st) => st.id === id);
  if (!found) assert.unreachable(`no step \`${id}\` in ${JSON.stringify(allSteps(result).map((st) => st.id))}`);
  return found!;
}

export function diagnosticsOf(result: RunResult): Diagnostic[] {
  return result.stages.flatMap((st) => st.diagnostics);
}

/**
 * A plugin whose action `key` records, in `calls`, the step id and the value it received, and
 * can be made to wait or fail from the config itself: `{ wait: ms, fail: "message" }`.
 */
export function probePlugin(name = 'probe', key = 'probe', order: number = ACTION_ORDER.COMMANDS + 50) {
  const calls: { id: string; value: unknown }[] = [];
  const plugin: Plugin = definePlugin({
    name,
    actions: {
      [key]: defineAction({
        schema: s.object({ wait: s.integer(), fail: s.string(), tag: s.string() }),
        order,
        run: async (value, ctx) => {
          calls.push({ id: ctx.step.id, value });
          if (value.wait) await new Promise((r) => setTimeout(r, value.wait));
          if (value.fail) throw new Error(value.fail);
        },
      }),
    },
  });
  return { plugin, calls };
}

/** A deferred promise, to hold a step running until the test lets it go. */
export function deferred<T = void>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}
