/**
 * Plan mode of `systemctl`: overrides as file changes, then each unit whose state would change,
 * asked of systemd itself with `systemctl is-enabled` (read-only; `--root=ROOT` for a target root).
 * `start` applies only to the running system, as in a real run.
 */
import { fileChange, newDirectories } from '@yipts/core';
import type { ActionContext, Change, SystemctlSpec } from '@yipts/core';
import { execArgv, findExecutable, isHostRoot, missingParents, offlineCommand, readPathState } from '@yipts/system';
import type { OfflineTool } from '@yipts/system';
import { overridePath } from './overrides.js';
import { checkUnits, unitCommands } from './units.js';

/** What `is-enabled` answers when the verb would change nothing. */
const ALREADY: Record<'enable' | 'disable' | 'mask', readonly string[]> = {
  enable: ['enabled', 'enabled-runtime', 'static', 'alias', 'indirect', 'generated', 'transient'],
  disable: ['disabled', 'static', 'masked', 'not-found'],
  mask: ['masked', 'masked-runtime'],
};

export async function planSystemctl(spec: SystemctlSpec, ctx: ActionContext, offlineTool: OfflineTool | undefined): Promise<Change[]> {
  const root = ctx.run.options.root;
  const changes: Change[] = [];
  for (const o of spec.overrides ?? []) {
    if (!o.service?.trim() || !o.content) continue;
    const path = overridePath(o.service, o.name);
    changes.push(...newDirectories(await missingParents(root, path), { mode: 0o755 }));
    changes.push(...fileChange(await readPathState(root, path), { path, content: o.content, mode: 0o644 }));
  }
  const host = isHostRoot(root);
  const commands = unitCommands(spec);
  if (!commands.length) return changes;
  const env = ctx.run.options.env;
  const base = host
    ? { argv: [(await findExecutable('/', 'systemctl', env)) ?? 'systemctl'], execRoot: '/' }
    : await offlineCommand('systemctl', root, offlineTool ?? 'auto', env);
  for (const command of commands) {
    checkUnits(command);
    for (const unit of command.units) {
      if (command.verb === 'start') {
        if (host) changes.push({ kind: 'unit', action: 'start', unit });
        continue;
      }
      const state = await execArgv([...base.argv, 'is-enabled', unit], { root: base.execRoot, env, signal: ctx.signal });
      if (!ALREADY[command.verb].includes(state.output.trim().split('\n').pop() ?? ''))
        changes.push({ kind: 'unit', action: command.verb, unit });
    }
  }
  return changes;
}
