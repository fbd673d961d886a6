/** `files` and `directories`: everything a step writes to disk as declared content. */
import { definePlugin, NO_OPTIONS, yipAction } from '@yipts/core';
import type { NoOptions, Plugin } from '@yipts/core';
import { ensureDirectories } from './directories.js';
import { writeFiles } from './files.js';
import { planDirectories, planFiles } from './plan.js';

export const PLUGIN_NAME = 'files';

export type FilesOptions = NoOptions;

export const OPTIONS_SCHEMA = NO_OPTIONS;

export default function filesPlugin(_options: FilesOptions = {}): Plugin {
  return definePlugin({
    name: PLUGIN_NAME,
    actions: {
      directories: yipAction('directories', {
        run: ensureDirectories,
        plan: planDirectories,
      }),
      files: yipAction('files', { run: writeFiles, plan: planFiles }),
    },
  });
}

export { filesPlugin };
export { decodeContent } from './decode.js';
export { DEFAULT_FILE_MODE } from './files.js';
export { DEFAULT_DIRECTORY_MODE } from './directories.js';
