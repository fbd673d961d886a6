/**
 * The engine's hooks, in the order a run calls them (see README.md for the arguments):
 *
 *   beforeRun → [ per stage: resolveSources → [ per source: stageStart → sourcesLoaded →
 *   configLoaded (per file) → planned → [ per step: stepStart → checkStep → action[key]… →
 *   stepError… → stepEnd ] → stageEnd ] ] → afterRun
 *
 * `render` is called whenever a plugin renders a template. `afterRun` is always called, also
 * when preparing failed or the run was aborted, so what `beforeRun` set up can be undone.
 */
import { AsyncSeriesBailHook, AsyncSeriesHook, AsyncSeriesWaterfallHook, HookMap, SyncHook, SyncWaterfallHook } from 'tapable';
import type {
  ActionContext,
  PlannedStep,
  SourceInput,
  StageRequestContext,
  RunContext,
  RunResult,
  StageContext,
  StageResult,
  StepContext,
  StepResult,
} from './context.js';
import type { LoadedFile } from './load/loaded-file.js';
import type { YiptsError } from './errors.js';

export interface StagePlan {
  readonly steps: readonly PlannedStep[];
  readonly layers: readonly (readonly string[])[];
}

/** Why a step is skipped; `undefined` lets the next conditional decide. */
export type SkipReason = string | undefined;

export function createHooks() {
  return Object.freeze({
    /** Before anything of the run: prepare the target root (mounts). A failure fails the run. */
    beforeRun: new AsyncSeriesHook<[RunContext]>(['run']),
    stageStart: new AsyncSeriesHook<[StageContext]>(['stage']),
    /** The sources of a stage, before any is read; plugins may add, drop or rewrite them. */
    resolveSources: new AsyncSeriesWaterfallHook<[SourceInput[], StageRequestContext]>(['sources', 'request']),
    /** Every file of the stage's source, parsed, in order. */
    sourcesLoaded: new AsyncSeriesHook<[readonly LoadedFile[], StageContext]>(['files', 'stage']),
    /** One parsed config; return it changed to transform it (e.g. add steps). */
    configLoaded: new AsyncSeriesWaterfallHook<[LoadedFile, StageContext]>(['file', 'stage']),
    /** The stage's steps with ids and dependencies, before any runs. */
    planned: new SyncHook<[StagePlan, StageContext]>(['plan', 'stage']),
    stepStart: new AsyncSeriesHook<[StepContext]>(['step']),
    /** Conditionals: the first tap that returns a reason skips the step. */
    checkStep: new AsyncSeriesBailHook<[StepContext], SkipReason>(['step']),
    /** One hook per step key (`action.for('files')`), called in the fixed action order. */
    action: new HookMap((key: string) => new AsyncSeriesHook<[ActionContext]>(['action'], `action:${key}`)),
    stepError: new SyncHook<[StepContext, YiptsError]>(['step', 'error']),
    stepEnd: new AsyncSeriesHook<[StepContext, StepResult]>(['step', 'result']),
    stageEnd: new AsyncSeriesHook<[StageContext, StageResult]>(['stage', 'result']),
    /** Always called last: release what beforeRun prepared. A failure fails the run. */
    afterRun: new AsyncSeriesHook<[RunContext, RunResult]>(['run', 'result']),
    /** Template rendering: each tap gets the text and returns it rendered. */
    render: new SyncWaterfallHook<[string, StepContext]>(['text', 'step']),
  });
}

export type Hooks = ReturnType<typeof createHooks>;
export type HookName = keyof Hooks;
