/** @yipts/preset: the yip-compatible composition of plugins. */
export { presetPlugins } from './plugins.js';
export type { PresetOptions } from './options.js';
