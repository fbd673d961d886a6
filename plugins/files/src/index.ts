/** `files` and `directories`: everything a step writes to disk as declared content. */
import { definePlugin, yipActions } from '@yipts/core';
import type { Plugin } from '@yipts/core';
import { ensureDirectories } from './directories.js';
import { writeFiles } from './files.js';
import { planDirectories, planFiles } from './plan.js';

export const PLUGIN_NAME = 'files';

export default function filesPlugin(): Plugin {
  return definePlugin({
    name: PLUGIN_NAME,
    actions: yipActions({
      directories: { run: ensureDirectories, plan: planDirectories },
      files: { run: writeFiles, plan: planFiles },
    }),
  });
}

export { filesPlugin };
export { decodeContent } from './decode.js';
export { DEFAULT_FILE_MODE } from './files.js';
export { DEFAULT_DIRECTORY_MODE } from './directories.js';
