/**
 * The mount plugin: chroot stages. When a run targets a root other than `/` (an image being
 * installed or upgraded), the root is prepared before anything of the run (binds, labelled
 * partitions, DNS) and released after it, whatever happened. The plugin knows only the engine's
 * lifecycle hooks; the engine and the other plugins just see a root that works.
 */
import { realpath, stat } from 'node:fs/promises';
import { definePlugin, LIFECYCLE_STAGE } from '@yipts/core';
import type { Plugin, RunContext } from '@yipts/core';
import { isolationHooks } from '@yipts/isolation';
import { isHostRoot } from '@yipts/system';
import { isolateRun } from './isolate.js';
import { isWithin, mountKey, readMountTable } from './mountinfo.js';
import { normalizeOptions } from './options.js';
import type { MountOptions } from './options.js';
import { prepareRoot } from './prepare.js';
import { releaseRoot } from './release.js';
import { RootSession } from './session.js';

export const PLUGIN_NAME = 'mount';

export type { ExtraMount, MountOptions } from './options.js';
export { DEFAULT_LABELS, MountOptionsError, OPTIONS_SCHEMA } from './options.js';
export { ISOLATED_ENV } from './isolate.js';
export { SYSTEM_BINDS } from './prepare.js';

const SESSION = Symbol('mount session');

export default function mountPlugin(options: MountOptions = {}): Plugin {
  const opts = normalizeOptions(options);
  // Why isolation did not happen, said once the run has a logger.
  const notes: string[] = [];
  return definePlugin({
    name: PLUGIN_NAME,
    apply(hooks) {
      isolationHooks(hooks).isolate.tapPromise(PLUGIN_NAME, async (request) => (opts.isolate ? isolateRun(request, notes) : undefined));

      hooks.beforeRun.tapPromise({ name: PLUGIN_NAME, stage: LIFECYCLE_STAGE.PREPARE_ROOT }, async (run) => {
        // Analysis reads configs only: nothing is run in the root, so nothing is mounted there.
        if (isHostRoot(run.options.root) || run.options.analyze) return;
        for (const note of notes.splice(0)) run.logger.log('warning', note, { plugin: PLUGIN_NAME });
        const session = await openSession(run);
        if (!session) return;
        run.state.set(SESSION, session);
        await prepareRoot(session, { options: opts, signal: run.signal, readOnly: run.options.plan !== undefined });
        session.log('debug', `prepared ${session.root}: ${session.mounts.map((m) => m.inside).join(', ')}`);
      });

      hooks.afterRun.tapPromise({ name: PLUGIN_NAME, stage: LIFECYCLE_STAGE.RELEASE_ROOT }, async (run) => {
        const session = run.state.get(SESSION);
        if (!(session instanceof RootSession)) return;
        run.state.delete(SESSION);
        await releaseRoot(session);
        session.log('debug', `released ${session.root}`);
      });
    },
  });
}

export { mountPlugin };

async function openSession(run: RunContext): Promise<RootSession | undefined> {
  const given = run.options.root;
  let root: string;
  try {
    root = await realpath(given);
  } catch (error) {
    throw new Error(`target root ${given} cannot be used: ${(error as Error).message}`);
  }
  if (!(await stat(root)).isDirectory()) throw new Error(`target root ${given} is not a directory`);
  if (root === '/') {
    // Binding /dev onto /dev would be harmful, and the run targets the host anyway.
    run.logger.log('warning', `target root ${given} is the host's /: nothing to prepare`, { plugin: PLUGIN_NAME });
    return undefined;
  }
  // What is mounted in the root already (the root itself included) belongs to the caller.
  const table = await readMountTable();
  const preexisting = new Set(table.filter((m) => isWithin(root, m.target)).map(mountKey));
  return new RootSession(root, preexisting, run.logger);
}
