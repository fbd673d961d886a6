/** The settings of a `sysctl` value that can be applied; each bad key is reported on the step, the others go on. */
import type { ActionContext } from '@yipts/core';
import { keyComponents } from './key.js';

export function checkedSettings(values: Readonly<Record<string, string>>, ctx: ActionContext): [string, string][] {
  const settings: [string, string][] = [];
  for (const [key, value] of Object.entries(values)) {
    try {
      keyComponents(key);
      if (/[\r\n]/.test(value)) throw new Error(`sysctl ${key}: the value contains a line break`);
      settings.push([key, value]);
    } catch (error) {
      ctx.report(error);
    }
  }
  return settings;
}
