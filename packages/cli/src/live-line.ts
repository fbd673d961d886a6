/**
 * On a terminal, one line at the bottom that says which steps are running and for how long,
 * redrawn twice a second and cleared before every log line (which is then written above it).
 * It is a plugin the command line adds for itself: it only watches the step hooks.
 */
import { definePlugin } from '@yipts/core';
import type { Plugin, StepContext } from '@yipts/core';

const NAME = 'live-line';
const REDRAW_MS = 500;
const CLEAR = '\r\x1b[K';

export interface LiveLine {
  readonly plugin: Plugin;
  /** Writes a log line above the live line. */
  readonly write: (text: string) => void;
}

export function liveLine(out: (text: string) => void, columns: () => number): LiveLine {
  const running = new Map<StepContext, number>();
  let shown = false;
  let timer: NodeJS.Timeout | undefined;
  const clear = () => {
    if (shown) out(CLEAR);
    shown = false;
  };
  const draw = () => {
    clear();
    if (running.size === 0) return;
    const ids = [...running.keys()].map((ctx) => ctx.step.id);
    const oldest = Math.min(...running.values());
    const seconds = ((Date.now() - oldest) / 1000).toFixed(1);
    const text = `running ${ids.length} step${ids.length === 1 ? '' : 's'} (${seconds}s): ${ids.join(', ')}`;
    // A terminal too narrow to say anything useful gets the line whole, wrapped by the terminal.
    const width = columns() >= 20 ? columns() : Number.POSITIVE_INFINITY;
    out(text.length > width - 1 ? `${text.slice(0, width - 2)}…` : text);
    shown = true;
  };
  const plugin = definePlugin({
    name: NAME,
    apply(hooks) {
      hooks.stepStart.tap(NAME, (ctx) => {
        running.set(ctx, Date.now());
        timer ??= setInterval(draw, REDRAW_MS).unref();
        draw();
      });
      hooks.stepEnd.tap(NAME, (ctx) => {
        running.delete(ctx);
        draw();
      });
      hooks.afterRun.tap({ name: NAME, stage: 10_000 }, () => {
        clearInterval(timer);
        timer = undefined;
        running.clear();
        clear();
      });
    },
  });
  return {
    plugin,
    write: (text) => {
      const again = shown;
      clear();
      out(text);
      if (again) draw();
    },
  };
}
