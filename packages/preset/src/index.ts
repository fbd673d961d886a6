/** @yipts/preset: the yip-compatible composition of plugins, and run-stage as a library. */
export { presetPlugins } from './plugins.js';
export { PRESET, PRESET_NAMES } from './catalogue.js';
export type { PresetEntry } from './catalogue.js';
export type { PresetOptions } from './options.js';
export { runStage } from './run-stage.js';
export type { RunStageOptions, RunStageOutcome } from './run-stage.js';
export { DEFAULT_CONFIG_PATHS } from './config-paths.js';
export { kernelConfig, readKernelConfig } from './kernel-config.js';
export type { KernelConfig } from './kernel-config.js';
export { EXIT_FAILURE, EXIT_OK, EXIT_STRICT_FAILURE, EXIT_USAGE, interruptedExitCode, runStageExitCode } from './exit-codes.js';
