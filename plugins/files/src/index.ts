/** `files` and `directories`: everything a step writes to disk as declared content. */
import { ACTION_ORDER, defineAction, definePlugin, s, yipSchema } from '@yipts/core';
import type { Plugin } from '@yipts/core';
import { ensureDirectories } from './directories.js';
import { writeFiles } from './files.js';
import { planDirectories, planFiles } from './plan.js';

export const PLUGIN_NAME = 'files';

export type FilesOptions = Record<string, never>;

/** It takes no options: any given is an error. */
export const OPTIONS_SCHEMA = s.object({});

export default function filesPlugin(_options: FilesOptions = {}): Plugin {
  return definePlugin({
    name: PLUGIN_NAME,
    actions: {
      directories: defineAction({
        schema: yipSchema.actionSchemas.directories,
        order: ACTION_ORDER.DIRECTORIES,
        run: ensureDirectories,
        plan: planDirectories,
      }),
      files: defineAction({ schema: yipSchema.actionSchemas.files, order: ACTION_ORDER.FILES, run: writeFiles, plan: planFiles }),
    },
  });
}

export { filesPlugin };
export { decodeContent } from './decode.js';
export { DEFAULT_FILE_MODE } from './files.js';
export { DEFAULT_DIRECTORY_MODE } from './directories.js';
