/**
 * The config paths of `plan run-stage`, read inside the target root once it is prepared (its
 * /oem may only be there then); missing ones are skipped, as `run-stage` does.
 */
import { access } from 'node:fs/promises';
import type { Executor, SourceInput } from '@yipts/core';
import { resolveInRoot } from '@yipts/system';
import type { ExecutorConfig } from '../config/load-config.js';
import { DEFAULT_CONFIG_PATHS } from '../main.js';

export function configPathSources(
  config: ExecutorConfig,
  extra: readonly string[],
  root: string,
  hook: Executor['hooks']['resolveSources'],
): string[] {
  hook.tapPromise('plan run-stage', async (sources) => {
    const out: SourceInput[] = [];
    for (const source of sources) {
      if (typeof source !== 'string' || /^https?:\/\//.test(source)) out.push(source);
      else if (await present(await resolveInRoot(root, source))) out.push(await resolveInRoot(root, source));
    }
    return out;
  });
  return [...(config.configPaths ?? DEFAULT_CONFIG_PATHS), ...extra];
}

async function present(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}
