/** Options of the packages plugin. */
import { s } from '@yipts/core';
import { isManagerName, MANAGER_NAMES } from './managers/index.js';
import type { ManagerName } from './managers/index.js';

export interface PackagesOptions {
  /** Use this manager whatever the root's os-release says. */
  readonly manager?: ManagerName;
  /** Limit for each package-manager command, in milliseconds; 0 means none. Default 30 minutes. */
  readonly timeoutMs?: number;
}

/** The options, checked before the plugin is made (an executor configuration's `pluginOptions`). */
export const OPTIONS_SCHEMA = s.object({
  manager: s.describe(s.enumOf(MANAGER_NAMES), "use this manager whatever the root's os-release says"),
  timeoutMs: s.describe(s.integer(), 'limit for each package-manager command in milliseconds; 0: none'),
});

/** Generous: a first `upgrade` of an old image over a slow mirror takes a while. */
export const DEFAULT_TIMEOUT_MS = 30 * 60 * 1000;

export interface ResolvedOptions {
  readonly manager: ManagerName | undefined;
  readonly timeoutMs: number;
}

/** Checks the options once, when the plugin is created: a typo must not wait for the first step. */
export function resolveOptions(options: PackagesOptions): ResolvedOptions {
  const { manager, timeoutMs = DEFAULT_TIMEOUT_MS } = options;
  if (manager !== undefined && !isManagerName(manager)) {
    throw new TypeError(`packages plugin: unknown manager ${JSON.stringify(manager)}; expected one of ${MANAGER_NAMES.join(', ')}`);
  }
  if (!Number.isFinite(timeoutMs) || timeoutMs < 0) {
    throw new TypeError(`packages plugin: timeoutMs must be a number of milliseconds >= 0 (0: no limit), got ${String(timeoutMs)}`);
  }
  return { manager, timeoutMs };
}
