// Bounds on what one template execution may do. Go's engine has none, but a template in a boot
// config must never hang the boot or exhaust memory: `until 10000000`, `randAlphaNum 99999999`
// or a loop doubling a string stop with an error that says which limit, where.
import { TemplateExecError } from './errors.js';

export interface TemplateLimits {
  /** Elements a function may generate (`until`, `untilStep`, `seq`, any list result). */
  readonly maxListLength: number;
  /** Iterations of all `range` loops of one execution together (nested loops multiply). */
  readonly maxIterations: number;
  /** Length of a string a function may return (`randAlphaNum`, `repeat`, `indent`, `printf`…). */
  readonly maxStringLength: number;
  /** Length of the whole output. */
  readonly maxOutputLength: number;
}

export const DEFAULT_TEMPLATE_LIMITS: TemplateLimits = Object.freeze({
  maxListLength: 100_000,
  maxIterations: 1_000_000,
  maxStringLength: 1024 * 1024,
  maxOutputLength: 8 * 1024 * 1024,
});

/** A template stopped by a limit; the message holds its position and the limit. */
export class TemplateLimitError extends TemplateExecError {
  constructor(message: string) {
    super(message);
    this.name = 'TemplateLimitError';
  }
}

/** Thrown by a function that would exceed a limit; the evaluator adds the position. */
export class LimitExceeded extends Error {}

let active: TemplateLimits = DEFAULT_TEMPLATE_LIMITS;

/** The limits of the execution under way (executions are synchronous, so one at a time). */
export function activeLimits(): TemplateLimits {
  return active;
}

export function withLimits<T>(limits: TemplateLimits, run: () => T): T {
  const saved = active;
  active = limits;
  try {
    return run();
  } finally {
    active = saved;
  }
}

/** Refuses, before any work, a list of `count` elements longer than the limit. */
export function checkListLength(count: number): void {
  if (count > active.maxListLength) throw new LimitExceeded(`${count} elements exceed the limit of ${active.maxListLength}`);
}

/** Refuses, before any work, a string of `length` characters longer than the limit. */
export function checkStringLength(length: number): void {
  if (length > active.maxStringLength)
    throw new LimitExceeded(`a ${length}-character string exceeds the limit of ${active.maxStringLength}`);
}
