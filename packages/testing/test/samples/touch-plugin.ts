import { utimes, writeFile } from 'node:fs/promises';
import { ACTION_ORDER, defineAction, definePlugin, s } from '@yipts/core';
import type { Plugin } from '@yipts/core';
import { withinRoot } from '@yipts/system';

/** `touch: [path, …]`: each entry on its own; one that fails is reported and the next one is done. */
export default function touchPlugin(): Plugin {
  return definePlugin({
    name: 'touch',
    actions: {
      touch: defineAction({
        schema: s.list(s.string()),
        order: ACTION_ORDER.FILES + 10,
        run: async (paths, ctx) => {
          if (paths.some((p) => !p.startsWith('/'))) throw new Error('every path must be absolute'); // fails the whole key
          for (const path of paths) {
            try {
              // Through the path's directory held open inside the root (see @yipts/system's README).
              await withinRoot(ctx.run.options.root, path, {}, async (target) => {
                const now = new Date();
                await writeFile(target.host, '', { flag: 'a' });
                await utimes(target.host, now, now);
              });
            } catch (error) {
              ctx.report(new Error(`touch ${path}: ${(error as Error).message}`, { cause: error }));
            }
          }
        },
      }),
    },
  });
}
