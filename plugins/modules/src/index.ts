/**
 * `modules`: kernel modules, "name [params]". Always persisted into the target root
 * (/etc/modules-load.d, parameters in /etc/modprobe.d) so they are loaded again at every boot;
 * loaded live with modprobe, unless already loaded, only when the target root is the host.
 * Inside a chroot the host's kernel is never touched.
 */
import { definePlugin, s, yipActions } from '@yipts/core';
import type { ActionContext, Infer, Plugin } from '@yipts/core';
import { isHostRoot } from '@yipts/system';
import { isLoaded, loadedModules, loadModule } from './live.js';
import { mergeFile, mergeModprobeOptions, mergeModulesLoad } from './persist.js';
import { planModules } from './plan.js';
import type { ModuleSpec } from './spec.js';
import { parseModuleEntry } from './spec.js';

export const PLUGIN_NAME = 'modules';

export const DEFAULT_LOAD_FILE = '/etc/modules-load.d/99-yipts.conf';
export const DEFAULT_OPTIONS_FILE = '/etc/modprobe.d/99-yipts.conf';

/** The options, checked before the plugin is made (an executor configuration's `pluginOptions`); their type is `ModulesOptions`. */
export const OPTIONS_SCHEMA = s.object({
  loadFile: s.describe(s.string(), 'modules-load.d file inside the target root listing the modules'),
  optionsFile: s.describe(s.string(), 'modprobe.d file inside the target root holding their parameters'),
  live: s.describe(s.boolean(), 'load into the running kernel when the root is the host (default true)'),
  timeoutMs: s.describe(s.integer(), 'limit for one modprobe in milliseconds; 0 (default): none'),
});

export type ModulesOptions = Readonly<Infer<typeof OPTIONS_SCHEMA>>;

export default function modulesPlugin(options: ModulesOptions = {}): Plugin {
  return definePlugin({
    name: PLUGIN_NAME,
    actions: yipActions({
      modules: {
        run: (entries, ctx) => applyModules(entries, ctx, options),
        plan: (entries, ctx) =>
          planModules(entries, ctx, {
            loadFile: options.loadFile ?? DEFAULT_LOAD_FILE,
            optionsFile: options.optionsFile ?? DEFAULT_OPTIONS_FILE,
            live: options.live ?? true,
          }),
      },
    }),
  });
}

async function applyModules(entries: readonly string[], ctx: ActionContext, options: ModulesOptions): Promise<void> {
  const modules: ModuleSpec[] = [];
  for (const entry of entries) {
    try {
      modules.push(parseModuleEntry(entry));
    } catch (error) {
      ctx.report(error);
    }
  }
  if (modules.length === 0) return;
  const root = ctx.run.options.root;
  if (isHostRoot(root) && (options.live ?? true)) {
    const loaded = await loadedModules();
    for (const spec of modules) {
      if (await isLoaded(spec.name, loaded)) {
        ctx.logger.log('debug', `module ${spec.name} is already loaded`);
        continue;
      }
      const live = { env: ctx.run.options.env, signal: ctx.signal, ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}) };
      await loadModule(spec, live).then(
        () => ctx.logger.log('debug', `module ${spec.name} loaded`),
        (e: unknown) => ctx.report(e),
      );
    }
  } else if (!isHostRoot(root)) {
    ctx.logger.log('debug', `modules: ${modules.length} module(s) persisted only: the target root is not the running system`);
  }
  const loadFile = options.loadFile ?? DEFAULT_LOAD_FILE;
  const optionsFile = options.optionsFile ?? DEFAULT_OPTIONS_FILE;
  await mergeFile(root, loadFile, (current) => mergeModulesLoad(current, modules)).catch((e: unknown) =>
    ctx.report(new Error(`modules: cannot persist to ${loadFile}: ${(e as Error).message}`, { cause: e })),
  );
  await mergeFile(root, optionsFile, (current) => mergeModprobeOptions(current, modules)).catch((e: unknown) =>
    ctx.report(new Error(`modules: cannot persist to ${optionsFile}: ${(e as Error).message}`, { cause: e })),
  );
}

export { modulesPlugin, parseModuleEntry, mergeModulesLoad, mergeModprobeOptions };
