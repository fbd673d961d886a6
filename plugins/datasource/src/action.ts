/**
 * The `datasource` action: find the first provider with user data, keep its metadata, and store
 * the user data where the next stages read it (`path`/`userdata_name`, by default
 * /run/config/userdata.yaml). Everything is written inside the target root.
 */
import type { ActionContext } from '@yipts/core';
import type { yipSchema } from '@yipts/core';
import type { Infer } from '@yipts/core';
import { describeFailure, execArgv } from '@yipts/system';
import type { MetadataFile } from './provider.js';
import { posix } from 'node:path';
import { DEFAULT_METADATA_PATH, DEFAULT_USERDATA_NAME, DEFAULT_USERDATA_PATH } from './options.js';
import type { DatasourceOptions } from './options.js';
import { ensureDir, writeInRoot, writeMetadata } from './output.js';
import { search } from './search.js';
import { classify, unwrapMultipart } from './userdata.js';

export type DatasourceSpec = Infer<typeof yipSchema.Datasource>;

export function datasourceAction(options: DatasourceOptions) {
  return async (spec: DatasourceSpec, ctx: ActionContext): Promise<void> => {
    // As yip: a name listed twice is probed once.
    const providers = [...new Set(spec.providers ?? [])];
    if (!providers.length) return;
    const { root, env } = ctx.run.options;
    const metaDir = options.metadataPath ?? DEFAULT_METADATA_PATH;
    await ensureDir(root, metaDir);

    const log = (level: 'warning' | 'info' | 'debug', message: string) => ctx.logger.log(level, message);
    const { winner, answered } = await search(providers, { root, path: spec.path, options, signal: ctx.signal, log });

    const source = winner ?? answered;
    if (source?.metadata.length) {
      const written = await writeMetadata(root, metaDir, source.metadata);
      log('debug', `datasource: ${source.name} metadata: ${written.join(', ')}`);
      await applyMetadataHostname(source.metadata, ctx);
    }
    if (!winner) {
      const message = `datasource: no metadata/userdata found (providers: ${providers.join(', ')})`;
      if (options.noDataIsError === false) return log('warning', message);
      throw new Error(message);
    }
    log('info', `datasource: user data from ${winner.name}`);

    // Written by whichever plugin owns `authorized_keys`, as if the step had asked for them.
    if (winner.sshKeys.length) await ctx.perform('authorized_keys', { root: [...winner.sshKeys] });

    // The `file` provider's path is its source, so its output cannot go there.
    const base = winner.fromFile ? metaDir : spec.path || DEFAULT_USERDATA_PATH;
    const data = unwrapMultipart(winner.userdata!);
    const raw = posix.join(base, 'userdata');
    const kind = classify(data);
    await writeInRoot(root, raw, data, kind === 'script' ? 0o744 : 0o644);
    if (kind === 'config') {
      await writeInRoot(root, posix.join(base, spec.userdata_name || DEFAULT_USERDATA_NAME), data, 0o644);
      return;
    }
    if (kind === 'other')
      return log('info', `datasource: the user data of ${winner.name} is neither a config nor a script; kept as ${raw} only`);
    if (options.runScripts === false) return log('info', `datasource: user data script kept as ${raw}, not run (runScripts: false)`);
    log('info', `datasource: running the user data script ${raw}`);
    const result = await execArgv([raw], { root, env, signal: ctx.signal, timeoutMs: options.scriptTimeoutMs ?? 0 });
    if (result.exitCode !== 0) throw new Error(`datasource: user data script ${raw}: ${describeFailure(result)}`);
    if (result.output.trim()) log('info', result.output.trimEnd());
  };
}

/**
 * As yip: a host name from the metadata service becomes the system's name (live on the host
 * only), set by whichever plugin owns `hostname`: `disable: [hostname]` leaves the name alone.
 */
async function applyMetadataHostname(metadata: readonly MetadataFile[], ctx: ActionContext): Promise<void> {
  const file = metadata.find((m) => m.path === 'hostname');
  const name = file?.data.toString('utf8').trim();
  if (name) await ctx.perform('hostname', name);
}
