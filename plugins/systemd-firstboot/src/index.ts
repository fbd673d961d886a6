/**
 * `systemd_firstboot`: runs `systemd-firstboot` with the map as options (see arguments.ts).
 *
 * On the host it is run as is. For a target root the host's systemd-firstboot is run with
 * `--root=ROOT`: it writes the root's files and needs nothing mounted inside it (run chrooted,
 * the tool fails without /proc). When the host has no systemd-firstboot, the image's own copy is
 * run chrooted, which needs /proc bound inside the root, as the chroot stages do.
 */
import { definePlugin, s, yipActions } from '@yipts/core';
import type { ActionContext, Infer, Plugin } from '@yipts/core';
import { describeFailure, execArgv, findExecutable, isHostRoot, OFFLINE_TOOLS, offlineCommand } from '@yipts/system';
import type { OfflineTool } from '@yipts/system';
import { checkForTargetRoot, firstbootArguments } from './arguments.js';

export const PLUGIN_NAME = 'systemd-firstboot';

/** The options, checked before the plugin is made (an executor configuration's `pluginOptions`); their type is `SystemdFirstbootOptions`. */
export const OPTIONS_SCHEMA = s.object({
  offlineTool: s.describe(
    s.enumOf(OFFLINE_TOOLS),
    "for a target root: the host's systemd-firstboot (`host`), the image's (`root`), or the host's when it has one (`auto`, default)",
  ),
  timeoutMs: s.describe(s.integer(), 'limit for the command in milliseconds; 0 (default): none'),
});

export type SystemdFirstbootOptions = Readonly<Infer<typeof OPTIONS_SCHEMA>>;

const TOOL = 'systemd-firstboot';

export default function systemdFirstbootPlugin(options: SystemdFirstbootOptions = {}): Plugin {
  return definePlugin({
    name: PLUGIN_NAME,
    actions: yipActions({
      systemd_firstboot: {
        run: (values, ctx) => runFirstboot(values, ctx, options),
      },
    }),
  });
}

async function runFirstboot(values: Readonly<Record<string, string>>, ctx: ActionContext, options: SystemdFirstbootOptions): Promise<void> {
  const args = firstbootArguments(values);
  if (args.length === 0) return;
  const root = ctx.run.options.root;
  const env = ctx.run.options.env;
  let argv: string[];
  let execRoot: string;
  if (isHostRoot(root)) {
    const program = await findExecutable('/', TOOL, env);
    if (!program) throw new Error(`${TOOL} is not installed on this system`);
    argv = [program, ...args];
    execRoot = '/';
  } else {
    checkForTargetRoot(values);
    const command = await offlineCommand(TOOL, root, options.offlineTool ?? 'auto', env);
    argv = [...command.argv, ...args];
    execRoot = command.execRoot;
  }
  const result = await execArgv(argv, {
    root: execRoot,
    env,
    signal: ctx.signal,
    ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
  });
  if (result.exitCode !== 0 || result.timedOut) throw new Error(`\`${result.command}\` ${describeFailure(result)}`);
  ctx.logger.log('debug', `\`${result.command}\`${result.output.trim() ? `:\n${result.output.trimEnd()}` : ''}`);
}

export { systemdFirstbootPlugin, firstbootArguments };
export type { OfflineTool };
