// Public entry point of @yipts/template: Go text/template syntax with yip's sprig function set.
import { LruCache } from './cache.js';
import { TemplateExecError, TemplateSyntaxError } from './errors.js';
import { execute } from './evaluate.js';
import { FUNCTIONS, hasFunction } from './functions/registry.js';
import { DEFAULT_TEMPLATE_LIMITS, TemplateLimitError } from './limits.js';
import type { TemplateLimits } from './limits.js';
import { parse } from './parser.js';

export { DEFAULT_TEMPLATE_LIMITS, TemplateExecError, TemplateLimitError, TemplateSyntaxError };
export type { TemplateLimits };

export interface TemplateOptions {
  /**
   * What a missing map key evaluates to. 'no-value' (default) and 'zero' both print "<no value>" for
   * untyped data, exactly like Go; they differ when a field is read through the missing value.
   * 'error' aborts with a TemplateExecError.
   */
  missingKey?: 'no-value' | 'zero' | 'error';
  /** Bounds on lists, loops, strings and output; exceeding one throws a TemplateLimitError. */
  limits?: Partial<TemplateLimits>;
}

export interface CompiledTemplate {
  execute(data: unknown, options?: TemplateOptions): string;
}

/** Parses template text once so it can be executed many times. Throws TemplateSyntaxError. */
export function parseTemplate(text: string): CompiledTemplate {
  const tree = parse(text, hasFunction);
  return {
    execute(data: unknown, options: TemplateOptions = {}): string {
      const limits = options.limits ? { ...DEFAULT_TEMPLATE_LIMITS, ...options.limits } : DEFAULT_TEMPLATE_LIMITS;
      return execute(tree, FUNCTIONS, data, options.missingKey ?? 'no-value', limits);
    },
  };
}

const CACHE_SIZE = 256;
const cache = new LruCache<string, CompiledTemplate>(CACHE_SIZE);

/** Parses (with an LRU cache keyed by the text) and executes in one step. */
export function renderTemplate(text: string, data: unknown, options?: TemplateOptions): string {
  let compiled = cache.get(text);
  if (!compiled) {
    compiled = parseTemplate(text);
    cache.set(text, compiled);
  }
  return compiled.execute(data, options);
}

/** Cheap pre-check: text without "{{" renders to itself, so callers can skip parsing. */
export function hasTemplate(text: string): boolean {
  return text.includes('{{');
}

/** Every function name a template may call, Go builtins and sprig helpers alike, sorted. */
export const functionNames: readonly string[] = Object.freeze([...FUNCTIONS.keys()].sort());
