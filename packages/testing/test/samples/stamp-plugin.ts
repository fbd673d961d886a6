import { ACTION_ORDER, defineAction, definePlugin, s } from '@yipts/core';
import type { Plugin, RunContext } from '@yipts/core';
import { writeFileInRoot } from '@yipts/system';

export interface StampOptions {
  /** The log file, inside the target root. */
  readonly file?: string;
}

const LINES = Symbol('stamp:lines');
const linesOf = (run: RunContext): string[] => {
  if (!run.state.has(LINES)) run.state.set(LINES, []);
  return run.state.get(LINES) as string[];
};

/** `stamp: { text, level }`: one line per step, all written to one file when the run ends. */
export default function stampPlugin(options: StampOptions = {}): Plugin {
  const file = options.file ?? '/var/log/yipts-stamps.log';
  return definePlugin({
    name: 'stamp',
    actions: {
      stamp: defineAction({
        schema: s.object({ text: s.string(), level: s.enumOf(['info', 'notice']) }, { required: ['text'] }),
        order: ACTION_ORDER.COMMANDS + 10, // after `commands`, before `delete_entities`
        run: (value, ctx) => void linesOf(ctx.run).push(`${ctx.step.id} ${value.level ?? 'info'}: ${ctx.render(value.text)}`),
      }),
    },
    apply(hooks) {
      hooks.afterRun.tapPromise('stamp', async (run) => {
        if (run.options.analyze || linesOf(run).length === 0) return;
        await writeFileInRoot(run.options.root, file, `${linesOf(run).join('\n')}\n`, { mode: 0o644 });
      });
    },
  });
}
