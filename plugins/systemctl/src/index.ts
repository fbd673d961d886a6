/**
 * `systemctl`: drop-in overrides, then unit commands.
 *
 * Overrides are written first (yip wrote them after `start`, so a started unit ran without
 * them). On the host, `systemctl daemon-reload` follows when an override was written and
 * systemd is the running init, then enable, disable, mask and start. For a target root the
 * operations are done offline with `systemctl --root=ROOT` (see offlineCommand in
 * @yipts/system): enable, disable and mask edit the root's symlinks; `start` has no meaning
 * there and is skipped with a warning.
 */
import { definePlugin, s, yipActions } from '@yipts/core';
import type { ActionContext, Infer, Plugin, SystemctlSpec } from '@yipts/core';
import { describeFailure, execArgv, findExecutable, isHostRoot, OFFLINE_TOOLS, offlineCommand } from '@yipts/system';
import type { OfflineTool } from '@yipts/system';
import { access } from 'node:fs/promises';
import { writeOverrides } from './overrides.js';
import { planSystemctl } from './plan.js';
import { checkUnits, unitCommands } from './units.js';

export const PLUGIN_NAME = 'systemctl';

/** The options, checked before the plugin is made (an executor configuration's `pluginOptions`); their type is `SystemctlOptions`. */
export const OPTIONS_SCHEMA = s.object({
  offlineTool: s.describe(
    s.enumOf(OFFLINE_TOOLS),
    "for a target root: the host's systemctl (`host`), the image's (`root`), or the host's when it has one (`auto`, default)",
  ),
  timeoutMs: s.describe(s.integer(), 'limit for one systemctl call in milliseconds; 0 (default): none'),
});

export type SystemctlOptions = Readonly<Infer<typeof OPTIONS_SCHEMA>>;

/** sd_booted(3): systemd is the running init when this directory exists. */
export const SYSTEMD_RUNTIME_DIR = '/run/systemd/system';

export default function systemctlPlugin(options: SystemctlOptions = {}): Plugin {
  return definePlugin({
    name: PLUGIN_NAME,
    actions: yipActions({
      systemctl: {
        run: (spec, ctx) => runSystemctl(spec, ctx, options),
        plan: (spec, ctx) => planSystemctl(spec, ctx, options.offlineTool),
      },
    }),
  });
}

async function runSystemctl(spec: SystemctlSpec, ctx: ActionContext, options: SystemctlOptions): Promise<void> {
  const root = ctx.run.options.root;
  const host = isHostRoot(root);
  const written = await writeOverrides(root, spec.overrides ?? [], ctx.logger, ctx.report);
  const commands = unitCommands(spec).filter((command) => {
    if (host || command.verb !== 'start') return true;
    ctx.logger.log('warning', `systemctl: start of ${command.units.join(' ')} skipped: the target root is not the running system`);
    return false;
  });
  const reload = host && written > 0 && (await systemdRunning());
  if (host && written > 0 && !reload) ctx.logger.log('debug', 'systemctl: systemd is not the running init; no daemon-reload needed');
  if (!reload && commands.length === 0) return;

  const env = ctx.run.options.env;
  const exec = { env, signal: ctx.signal, ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}) };
  let base: { argv: readonly string[]; execRoot: string };
  if (host) {
    const program = await findExecutable('/', 'systemctl', env);
    if (!program) throw new Error('systemctl is not installed on this system');
    base = { argv: [program], execRoot: '/' };
  } else {
    base = await offlineCommand('systemctl', root, options.offlineTool ?? 'auto', env);
  }
  const run = async (args: readonly string[]): Promise<void> => {
    const result = await execArgv([...base.argv, ...args], { root: base.execRoot, ...exec });
    if (result.exitCode !== 0 || result.timedOut) throw new Error(`\`${result.command}\` ${describeFailure(result)}`);
    ctx.logger.log('debug', `\`${result.command}\`${result.output.trim() ? `: ${result.output.trim()}` : ''}`);
  };

  if (reload) await run(['daemon-reload']).catch((e: unknown) => ctx.report(e));
  for (const command of commands) {
    if (ctx.signal.aborted) {
      ctx.report(new Error(`systemctl ${command.verb} ${command.units.join(' ')}: not run: the run was interrupted`));
      continue;
    }
    try {
      checkUnits(command);
      await run([command.verb, ...command.units]);
    } catch (error) {
      ctx.report(error);
    }
  }
}

async function systemdRunning(): Promise<boolean> {
  return access(SYSTEMD_RUNTIME_DIR).then(
    () => true,
    () => false,
  );
}

export { systemctlPlugin };
export { overridePath, unitName } from './overrides.js';
export type { OfflineTool };
