/**
 * `commands`: each entry rendered as a template and run as a shell command, one after another,
 * inside the target root. A failing command does not stop the next ones (as in yip); its output
 * is shown in the error. A timeout per command keeps a hung command from hanging the boot.
 * The commands of a step share one shell process (see ShellSession): each still runs in its
 * own subshell with no standard input, as `sh -c` would run it.
 */
import { definePlugin, s, yipActions } from '@yipts/core';
import type { ActionContext, Plugin } from '@yipts/core';
import { describeFailure, ShellSession } from '@yipts/system';
import { planCommands } from './plan.js';

export const PLUGIN_NAME = 'commands';

export interface CommandsOptions {
  /** Per-command limit in milliseconds; 0 or undefined: none. */
  readonly timeoutMs?: number;
}

/** The options, checked before the plugin is made (an executor configuration's `pluginOptions`). */
export const OPTIONS_SCHEMA = s.object({ timeoutMs: s.describe(s.integer(), 'per-command limit in milliseconds; 0: none') });

export default function commandsPlugin(options: CommandsOptions = {}): Plugin {
  return definePlugin({
    name: PLUGIN_NAME,
    actions: yipActions({ commands: { plan: planCommands, run: (commands, ctx) => runCommands(commands, ctx, options) } }),
  });
}

export { commandsPlugin };

async function runCommands(commands: readonly string[], ctx: ActionContext, options: CommandsOptions): Promise<void> {
  const session = new ShellSession({ root: ctx.run.options.root, env: ctx.run.options.env });
  try {
    for (const template of commands) await runOne(template, ctx, session, options);
  } finally {
    await session.close();
  }
}

async function runOne(template: string, ctx: ActionContext, session: ShellSession, options: CommandsOptions): Promise<void> {
  if (ctx.signal.aborted) {
    ctx.report(new Error(`command \`${summary(template)}\` not run: the run was interrupted`));
    return;
  }
  const command = ctx.render(template);
  const result = await session.run(command, { signal: ctx.signal, ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}) });
  if (result.exitCode !== 0 || result.timedOut) {
    ctx.report(new Error(`command \`${summary(command)}\` ${describeFailure(result)}`));
  } else if (result.output.trim()) {
    ctx.logger.log('debug', `command \`${summary(command)}\` output:\n${result.output.trimEnd()}`);
  }
}

/** First line of a command, shortened, so messages stay readable for multi-line scripts. */
function summary(command: string): string {
  const first = command.trim().split('\n')[0] ?? '';
  const more = command.trim().includes('\n') ? ' …' : '';
  return first.length > 80 ? `${first.slice(0, 77)}…` : `${first}${more}`;
}
