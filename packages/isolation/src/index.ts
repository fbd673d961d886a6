/**
 * The `isolate` hook, owned by the parties that use it rather than by the engine, which never
 * calls it: a plugin that can run the whole command again elsewhere (the mount plugin: a private
 * mount namespace) taps it, and a program that can be run again (the command line) calls it
 * before it runs anything. The hook hangs off an executor's hooks object, as webpack lets a
 * plugin own hooks of a compilation: one hook per executor, made on first use.
 */
import { AsyncSeriesBailHook } from 'tapable';
import type { Hooks } from '@yipts/core';

export interface IsolationRequest {
  /** The command line that would run the same work again, e.g. inside a new mount namespace. */
  readonly argv: readonly string[];
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly root: string;
}

export interface IsolationHooks {
  /** A tap that re-ran the whole command elsewhere returns its exit status; `undefined` lets the next one decide. */
  readonly isolate: AsyncSeriesBailHook<[IsolationRequest], number | undefined>;
}

const byExecutor = new WeakMap<Hooks, IsolationHooks>();

/** The isolation hooks of the executor whose hooks these are (a plugin's `apply` receives them). */
export function isolationHooks(hooks: Hooks): IsolationHooks {
  let found = byExecutor.get(hooks);
  if (!found) {
    found = Object.freeze({ isolate: new AsyncSeriesBailHook<[IsolationRequest], number | undefined>(['request']) });
    byExecutor.set(hooks, found);
  }
  return found;
}

/**
 * Offers the executor's plugins to run the command elsewhere. Returns that run's exit status,
 * or `undefined` when this process must do the work itself.
 */
export function isolate(hooks: Hooks, request: IsolationRequest): Promise<number | undefined> {
  return isolationHooks(hooks).isolate.promise(request);
}
