/** Plan mode of `commands`: each command, rendered as a real run would, is listed and not run. */
import type { ActionContext, Change } from '@yipts/core';

export function planCommands(commands: readonly string[], ctx: ActionContext): Change[] {
  return commands.map((template) => ({ kind: 'command', command: ctx.render(template) }));
}
