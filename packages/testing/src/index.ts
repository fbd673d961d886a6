/**
 * @yipts/testing: helpers for testing yipts plugins against real directories: a temporary target
 * root, one YAML document run through the plugins under test, the hook calls in order, and the
 * files the run left.
 */
export { tempRoot, writeTree } from './temp-root.js';
export type { TempRoot, FileTree, TreeEntry } from './temp-root.js';
export { tempDirs } from '@yipts/temp-dirs';
export type { TempDirs } from '@yipts/temp-dirs';
export { runYaml, runStep } from './run-yaml.js';
export type { RunYamlOptions, YamlRun, StepRun, ConfigDocument } from './run-yaml.js';
export { recordHooks, isHookRecorder, RECORDER_NAME } from './record-hooks.js';
export type { HookEvent, HookRecorder } from './record-hooks.js';
export { filesUnder } from './files-under.js';
export type { FileState } from './files-under.js';
export { recordingLogger, formatLog } from './logs.js';
export type { LogRecord, RecordingLogger } from './logs.js';
export { mountsUnder } from './mounts.js';
export { runOnIsolatedHost } from './isolated-host.js';
export type { HostRun, HostRunSpec, HostRunSummary, IsolationOptions } from './isolated-host.js';
