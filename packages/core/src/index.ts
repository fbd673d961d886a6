/** @yipts/core: the config model, the loader, the scheduler, the hooks and the executor. */
export { createExecutor, DEFAULT_CONCURRENCY } from './executor.js';
export type { Executor, ExecutorOptions, RunRequest } from './executor.js';
export { createHooks } from './hooks.js';
export type { Hooks, HookName, SkipReason, StagePlan } from './hooks.js';
export type * from './context.js';
export { defineAction, defineCondition, definePlugin } from './plugin.js';
export { NO_OPTIONS, yipAction, yipActions } from './yip-action.js';
export type { YipActionHandlers, YipActions, YipOrderedKey } from './yip-action.js';
export type { ActionDefinition, ConditionDefinition, Plugin, PluginImpl } from './plugin.js';
export { ACTION_ORDER, CONDITION_ORDER, LIFECYCLE_STAGE } from './order.js';
export { YiptsError, toYiptsError, messageOf, flattenErrors } from './errors.js';
export type { ErrorOrigin } from './errors.js';
export { ERROR_CODES, isKnownCode } from './error-codes.js';
export type { ErrorCode, AnyErrorCode } from './error-codes.js';
export { CompositionError } from './registry.js';
export { directoryChange, fileChange, isAlteration, newDirectories } from './plan/changes.js';
export type { Attributes, Change, ChangeKind, FileState, FileTarget } from './plan/changes.js';
export { isPlanning, recordChanges } from './plan/collect.js';
export type { PlanOptions } from './plan/options.js';
export { silentLogger, withMeta, parseLogLevel, redactingLogger, LOG_LEVELS } from './logger.js';
export type { Logger, LogLevel, LogMeta } from './logger.js';
export { diagnostic, formatLocation } from './diagnostics.js';
export { LIMITS } from './load/limits.js';
export type { Diagnostic, Severity } from './diagnostics.js';
export type { LoadedFile } from './load/loaded-file.js';
export { parseText, isUrl } from './load/sources.js';
export { parseDotNotation, shellSplit } from './load/dot-notation.js';
export { isCloudConfig } from './load/cloud-config.js';
export { yamlLibrary } from './load/yaml-libraries.js';
export * as s from './schema/dsl.js';
export { checkPluginOptions, plainToNode, PluginOptionsError } from './schema/plugin-options.js';
export type { OptionsSchema } from './schema/plugin-options.js';
export { didYouMean, nearest } from './schema/suggest.js';
export type { Infer, ObjectSchema, Schema, Shape } from './schema/dsl.js';
export * as yipSchema from './schema/yip.js';
export type {
  FileSpec,
  DirectorySpec,
  DownloadSpec,
  EntitySpec,
  UserSpec,
  PackagesSpec,
  SystemctlSpec,
  IfFilesSpec,
  GitSpec,
  YipStep,
} from './schema/yip.js';
export type { JSONSchema } from './schema/json-schema.js';
export { CONFIG_SCHEMA_ID } from './schema/config-json-schema.js';
export type { MapNode, YNode, Position } from './node.js';
