/**
 * A plugin that taps nothing and records every hook call, in order: what a plugin author needs to
 * check that a tap runs when expected. It uses tapable's call interceptors, which fire on every
 * call of a hook before its taps, so a bail hook (checkStep) is recorded even when a
 * conditional skips the step, and the recorder never changes what a hook returns.
 */
import { definePlugin } from '@yipts/core';
import type { Hooks, Plugin, StageContext, StepContext, StepResult, RunResult, YiptsError } from '@yipts/core';

export interface HookEvent {
  /** The hook called: `beforeRun`, `stepStart`, `action:files`… */
  readonly hook: string;
  readonly stage?: string;
  /** The step's id, for the per-step hooks. */
  readonly step?: string;
  /** What the call was about: the file (configLoaded), the status (stepEnd), the reason (stepError), the text (render)… */
  readonly detail?: string;
  /** `hook step` or `hook stage`, e.g. `action:files cfg.one`: short enough to compare lists of calls. */
  readonly label: string;
}

export interface HookRecorder extends Plugin {
  readonly events: HookEvent[];
  /** The labels of the recorded calls, without `render` calls unless asked. */
  labels(options?: { render?: boolean }): string[];
}

export const RECORDER_NAME = 'record-hooks';

const recorders = new WeakSet<Plugin>();

/** True for a plugin made by recordHooks. */
export function isHookRecorder(plugin: Plugin): plugin is HookRecorder {
  return recorders.has(plugin);
}

interface CallInterceptable {
  // biome-ignore lint/suspicious/noExplicitAny: every hook has its own arguments
  intercept(interceptor: { call: (...args: any[]) => void }): void;
}

export function recordHooks(): HookRecorder {
  const events: HookEvent[] = [];
  const push = (hook: string, where: { stage?: string; step?: string }, detail?: string) => {
    const label = [hook, where.step ?? where.stage].filter(Boolean).join(' ');
    const event: Record<string, string> = { hook, label };
    if (where.stage !== undefined) event.stage = where.stage;
    if (where.step !== undefined) event.step = where.step;
    if (detail !== undefined) event.detail = detail;
    events.push(event as unknown as HookEvent);
  };
  const ofStage = (s: StageContext) => ({ stage: s.stage });
  const ofStep = (s: StepContext) => ({ stage: s.stage, step: s.step.id });

  const apply = (hooks: Hooks): void => {
    // biome-ignore lint/suspicious/noExplicitAny: every hook has its own arguments
    const on = (name: keyof Hooks, record: (...args: any[]) => void) =>
      (hooks[name] as unknown as CallInterceptable).intercept({ call: record });
    on('beforeRun', () => push('beforeRun', {}));
    on('resolveSources', (_sources: unknown, request: { stage: string }) => push('resolveSources', { stage: request.stage }));
    on('stageStart', (stage: StageContext) => push('stageStart', ofStage(stage), stage.sourceName));
    on('sourcesLoaded', (files: readonly { file: string }[], stage: StageContext) =>
      push('sourcesLoaded', ofStage(stage), files.map((f) => f.file).join(', ')),
    );
    on('configLoaded', (file: { file: string }, stage: StageContext) => push('configLoaded', ofStage(stage), file.file));
    on('planned', (plan: { steps: readonly { id: string }[] }, stage: StageContext) =>
      push('planned', ofStage(stage), plan.steps.map((s) => s.id).join(', ')),
    );
    on('stepStart', (step: StepContext) => {
      // Action hooks are created per key; intercept those of this step's keys before they run.
      for (const key of Object.keys(step.step.spec)) interceptAction(hooks, key);
      push('stepStart', ofStep(step));
    });
    on('checkStep', (step: StepContext) => push('checkStep', ofStep(step)));
    on('stepError', (step: StepContext, error: YiptsError) => push('stepError', ofStep(step), error.reason));
    on('stepEnd', (step: StepContext, result: StepResult) => push('stepEnd', ofStep(step), result.status));
    on('stageEnd', (stage: StageContext) => push('stageEnd', ofStage(stage)));
    on('afterRun', (_run: unknown, result: RunResult) => push('afterRun', {}, result.ok ? 'ok' : 'failed'));
    on('render', (text: string, step: StepContext) => push('render', ofStep(step), text));
  };

  const intercepted = new WeakMap<Hooks, Set<string>>();
  const interceptAction = (hooks: Hooks, key: string) => {
    let keys = intercepted.get(hooks);
    if (!keys) {
      keys = new Set();
      intercepted.set(hooks, keys);
    }
    if (keys.has(key)) return;
    keys.add(key);
    (hooks.action.for(key) as unknown as CallInterceptable).intercept({
      call: (ctx: StepContext) => push(`action:${key}`, ofStep(ctx)),
    });
  };

  const recorder = definePlugin({
    name: RECORDER_NAME,
    events,
    labels: (options: { render?: boolean } = {}) => events.filter((e) => options.render || e.hook !== 'render').map((e) => e.label),
    apply,
  });
  recorders.add(recorder);
  return recorder;
}
