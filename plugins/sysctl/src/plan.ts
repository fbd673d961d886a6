/** Plan mode of `sysctl`: the persisted file as it would be, and on the host the live settings that would change. */
import { fileChange, newDirectories } from '@yipts/core';
import type { ActionContext, Change } from '@yipts/core';
import { isHostRoot, missingParents, readPathState } from '@yipts/system';
import { readFile } from 'node:fs/promises';
import { mergeSysctlConf } from './conf-file.js';
import { checkedSettings } from './settings.js';
import { procPath } from './key.js';

export async function planSysctl(
  values: Readonly<Record<string, string>>,
  ctx: ActionContext,
  file: string,
  live: boolean,
): Promise<Change[]> {
  // As in a real run: a bad key is an error of the step, the other keys are still planned.
  const settings = checkedSettings(values, ctx);
  if (settings.length === 0) return [];
  const root = ctx.run.options.root;
  const changes: Change[] = [];
  if (isHostRoot(root) && live) {
    for (const [key, value] of settings) {
      const now = await readFile(procPath(key), 'utf8').then(
        (t) => t.trim().replace(/\s+/g, ' '),
        () => undefined,
      );
      if (now !== value)
        changes.push({ kind: 'live', text: `kernel parameter ${key}: ${now ?? '(unreadable)'} → ${value} (running system)` });
    }
  }
  const current = await readPathState(root, file);
  changes.push(...newDirectories(await missingParents(root, file), { mode: 0o755 }));
  changes.push(...fileChange(current, { path: file, content: mergeSysctlConf(current.content?.toString('utf8'), settings), mode: 0o644 }));
  return changes;
}
