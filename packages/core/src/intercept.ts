/**
 * Every tap is wrapped so that what it throws says which plugin and which hook it came from
 * (Rollup-style); the call sites then add the source file and the step.
 */
import { toYiptsError } from './errors.js';
import type { Hooks } from './hooks.js';

interface TapLike {
  type: 'sync' | 'async' | 'promise';
  name: string;
  fn: (...args: any[]) => any;
}

interface InterceptableHook {
  intercept(interceptor: { register?: (tap: any) => any }): void;
}

function wrapTap(tap: TapLike, hook: string): TapLike {
  const origin = { plugin: tap.name, hook };
  const fn = tap.fn;
  if (tap.type === 'promise') {
    return { ...tap, fn: (...args: unknown[]) => Promise.resolve().then(() => fn(...args)).catch((e: unknown) => Promise.reject(toYiptsError(e, origin))) };
  }
  if (tap.type === 'async') {
    return {
      ...tap,
      fn: (...args: unknown[]) => {
        const callback = args.pop() as (err?: unknown, result?: unknown) => void;
        try {
          fn(...args, (err?: unknown, result?: unknown) => callback(err ? toYiptsError(err, origin) : err, result));
        } catch (e) {
          callback(toYiptsError(e, origin));
        }
      },
    };
  }
  return {
    ...tap,
    fn: (...args: unknown[]) => {
      try {
        return fn(...args);
      } catch (e) {
        throw toYiptsError(e, origin);
      }
    },
  };
}

export function annotateHooks(hooks: Hooks): void {
  for (const [name, hook] of Object.entries(hooks)) {
    if (name === 'action') continue;
    (hook as unknown as InterceptableHook).intercept({ register: (tap: TapLike) => wrapTap(tap, name) });
  }
  hooks.action.intercept({
    factory: (key, hook) => {
      (hook as unknown as InterceptableHook).intercept({ register: (tap: TapLike) => wrapTap(tap, `action:${key}`) });
      return hook;
    },
  });
}
