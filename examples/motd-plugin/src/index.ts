/**
 * yipts-plugin-motd: an example of a plugin from outside the project. It adds a step key that
 * yip does not have,
 *
 *   motd:
 *     message: "Welcome to {{ .Values.node.hostname }}"
 *     path: /etc/motd          # optional
 *
 * runs it after `files` and before `commands` of the same step, and logs what the run wrote
 * when the run ends. The package's default export is the factory, so a config file of the yip
 * command line can name it: `plugins: [["yipts-plugin-motd", { prefix: "[managed] " }]]`.
 */
import { ACTION_ORDER, defineAction, definePlugin } from '@yipts/core';
import type { Plugin, RunContext } from '@yipts/core';
import { resolveOptions } from './options.js';
import type { MotdOptions } from './options.js';
import { motdSchema } from './schema.js';
import { writeMotd } from './write-motd.js';

export const PLUGIN_NAME = 'motd';

/** After `files`, which may lay down a template directory, and before `commands`, which may read the message. */
export const MOTD_ORDER = ACTION_ORDER.FILES + 50;

/** The paths written during a run; keyed by a symbol so no other plugin's state can clash. */
const WRITTEN = Symbol('motd:written');

function writtenIn(run: RunContext): string[] {
  let list = run.state.get(WRITTEN) as string[] | undefined;
  if (!list) {
    list = [];
    run.state.set(WRITTEN, list);
  }
  return list;
}

export default function motdPlugin(options: MotdOptions = {}): Plugin {
  const resolved = resolveOptions(options);
  return definePlugin({
    name: PLUGIN_NAME,
    actions: {
      motd: defineAction({
        schema: motdSchema,
        order: MOTD_ORDER,
        run: async (spec, ctx) => {
          writtenIn(ctx.run).push(await writeMotd(spec, resolved, ctx));
        },
      }),
    },
    apply(hooks) {
      hooks.afterRun.tap(PLUGIN_NAME, (run) => {
        const written = writtenIn(run);
        if (written.length)
          run.logger.log('info', `motd: ${written.length} message(s) written: ${[...new Set(written)].join(', ')}`, {
            plugin: PLUGIN_NAME,
          });
      });
    },
  });
}

export { motdPlugin, resolveOptions };
export { DEFAULT_MOTD_PATH, OPTIONS_SCHEMA } from './options.js';
export type { MotdOptions } from './options.js';
export { motdSchema } from './schema.js';
export type { MotdSpec } from './schema.js';
export { MOTD_MODE, motdText } from './write-motd.js';
