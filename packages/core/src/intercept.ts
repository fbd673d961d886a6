/**
 * Every tap is wrapped so that what it throws says which plugin and which hook it came from
 * (Rollup-style); the call sites then add the source file and the step.
 */
import { flattenErrors, toYiptsError } from './errors.js';
import type { Hooks } from './hooks.js';

interface TapLike {
  type: 'sync' | 'async' | 'promise';
  name: string;
  // biome-ignore lint/suspicious/noExplicitAny: tapable's taps take and return anything
  fn: (...args: any[]) => any;
}

interface InterceptableHook {
  // biome-ignore lint/suspicious/noExplicitAny: tapable's tap objects are untyped
  intercept(interceptor: { register?: (tap: any) => any }): void;
}

function wrapTap(tap: TapLike, hook: string, keepAggregate = false): TapLike {
  const origin = { plugin: tap.name, hook };
  const fn = tap.fn;
  // An action that throws an AggregateError failed once per entry: each entry stays its own
  // error (with the origin), instead of one error that hides them behind the aggregate's message.
  const annotate = (e: unknown, o: typeof origin) =>
    keepAggregate && e instanceof AggregateError
      ? new AggregateError(
          flattenErrors(e).map((inner) => toYiptsError(inner, o)),
          e.message,
        )
      : toYiptsError(e, o);
  if (tap.type === 'promise') {
    return {
      ...tap,
      fn: (...args: unknown[]) =>
        Promise.resolve()
          .then(() => fn(...args))
          .catch((e: unknown) => Promise.reject(annotate(e, origin))),
    };
  }
  if (tap.type === 'async') {
    return {
      ...tap,
      fn: (...args: unknown[]) => {
        const callback = args.pop() as (err?: unknown, result?: unknown) => void;
        try {
          fn(...args, (err?: unknown, result?: unknown) => callback(err ? annotate(err, origin) : err, result));
        } catch (e) {
          callback(annotate(e, origin));
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
        throw annotate(e, origin);
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
      (hook as unknown as InterceptableHook).intercept({ register: (tap: TapLike) => wrapTap(tap, `action:${key}`, true) });
      return hook;
    },
  });
}
