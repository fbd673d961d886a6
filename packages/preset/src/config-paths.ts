/**
 * run-stage's config paths are paths inside the target root. They are resolved when each stage
 * runs, after the root is prepared (its /oem may be mounted only then); missing ones are skipped.
 */
import { access } from 'node:fs/promises';
import type { Executor, SourceInput } from '@yipts/core';
import { isUrl } from '@yipts/core';
import { resolveInRoot } from '@yipts/system';

export const DEFAULT_CONFIG_PATHS: readonly string[] = Object.freeze(['/system/oem', '/oem', '/usr/local/cloud-config']);

export function resolveConfigPathsInRoot(executor: Executor, name: string): void {
  executor.hooks.resolveSources.tapPromise(name, async (sources, request) => {
    const out: SourceInput[] = [];
    for (const source of sources) {
      if (typeof source !== 'string' || isUrl(source)) {
        out.push(source);
        continue;
      }
      const hostPath = await resolveInRoot(request.run.options.root, source);
      if (await exists(hostPath)) out.push(hostPath);
      else request.run.logger.log('debug', `config path ${source} does not exist; skipped`);
    }
    return out;
  });
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}
