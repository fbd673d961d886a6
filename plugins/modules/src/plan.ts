/** Plan mode of `modules`: the modules-load.d and modprobe.d files as they would be, and on the host the modules that would be loaded. */
import { fileChange, newDirectories } from '@yipts/core';
import type { ActionContext, Change } from '@yipts/core';
import { isHostRoot, missingParents, readPathState } from '@yipts/system';
import { isLoaded, loadedModules } from './live.js';
import { mergeModprobeOptions, mergeModulesLoad } from './persist.js';
import { parseModuleEntry } from './spec.js';

export interface ModuleFiles {
  readonly loadFile: string;
  readonly optionsFile: string;
  readonly live: boolean;
}

export async function planModules(entries: readonly string[], ctx: ActionContext, files: ModuleFiles): Promise<Change[]> {
  const modules = entries.map(parseModuleEntry);
  if (modules.length === 0) return [];
  const root = ctx.run.options.root;
  const changes: Change[] = [];
  if (isHostRoot(root) && files.live) {
    const loaded = await loadedModules();
    for (const spec of modules)
      if (!(await isLoaded(spec.name, loaded)))
        changes.push({ kind: 'live', text: `module ${spec.name} would be loaded (running system)` });
  }
  const merges: [string, (current: string | undefined) => string | undefined][] = [
    [files.loadFile, (current) => mergeModulesLoad(current, modules)],
    [files.optionsFile, (current) => mergeModprobeOptions(current, modules)],
  ];
  for (const [path, merge] of merges) {
    const current = await readPathState(root, path);
    const text = current.content?.toString('utf8');
    const next = merge(text);
    // As the real run: a merge that changes nothing writes nothing.
    if (next === undefined || next === text) continue;
    changes.push(
      ...newDirectories(await missingParents(root, path), { mode: 0o755 }),
      ...fileChange(current, { path, content: next, mode: 0o644 }),
    );
  }
  return changes;
}
