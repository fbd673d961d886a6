/**
 * A plugin's options, checked against the schema its package declares before the plugin is
 * made. Options come from an executor configuration (JSON, YAML, JS), so they are plain data:
 * there is no line to point at, and the error names the plugin, the option and the file.
 * Unlike a step, an unknown option is an error: a misspelt option would silently change nothing.
 */
import type { Diagnostic } from '../diagnostics.js';
import type { YNode } from '../node.js';
import { INVALID } from './dsl.js';
import type { Schema } from './dsl.js';
import { didYouMean } from './suggest.js';

export class PluginOptionsError extends Error {
  override name = 'PluginOptionsError';
  /** The engine's error code for it (see ERROR_CODES). */
  readonly code = 'plugin-options';
  constructor(
    readonly plugin: string,
    readonly option: string | undefined,
    message: string,
  ) {
    super(message);
  }
}

/** A plain value as a node tree without positions, so that a schema can check it. */
export function plainToNode(value: unknown): YNode {
  const pos = { line: 0, col: 0 };
  if (Array.isArray(value)) return { kind: 'seq', items: value.map(plainToNode), pos };
  if (value !== null && typeof value === 'object') {
    return { kind: 'map', entries: Object.entries(value).map(([key, v]) => ({ key, keyPos: pos, value: plainToNode(v) })), pos };
  }
  const plain = typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
  const scalar = value === undefined ? null : plain ? value : String(value);
  return { kind: 'scalar', value: scalar, source: scalar === null ? '' : String(scalar), quoted: typeof scalar === 'string', pos };
}

/** What a plugin package declares of its options: an `s.object` of them. */
export interface OptionsSchema extends Schema<unknown> {
  readonly shape: Readonly<Record<string, Schema<unknown>>>;
}

/** Throws a PluginOptionsError for the first option that is unknown or does not fit its schema. */
export function checkPluginOptions(plugin: string, schema: OptionsSchema, options: unknown, origin?: string): void {
  const where = `${origin ? `${origin}: ` : ''}plugin "${plugin}"`;
  if (options === undefined || options === null) return;
  if (typeof options !== 'object' || Array.isArray(options)) {
    throw new PluginOptionsError(plugin, undefined, `${where}: its options must be a mapping`);
  }
  const known = Object.keys(schema.shape);
  for (const [option, value] of Object.entries(options)) {
    const optionSchema = Object.hasOwn(schema.shape, option) ? schema.shape[option] : undefined;
    if (!optionSchema) {
      const hint = didYouMean(option, known) || (known.length ? ` (known: ${known.join(', ')})` : ' (it takes none)');
      throw new PluginOptionsError(plugin, option, `${where}: unknown option \`${option}\`${hint}`);
    }
    const diagnostics: Diagnostic[] = [];
    const checked = optionSchema.check(plainToNode(value), { file: origin ?? '', diagnostics });
    // Any finding counts, warnings included: a nested unknown key in options changes nothing either.
    const problem = diagnostics.find((d) => d.severity === 'error') ?? diagnostics[0];
    if (checked === INVALID || problem) {
      throw new PluginOptionsError(plugin, option, `${where}: option \`${option}\`: ${problem?.message ?? 'invalid value'}`);
    }
  }
}
