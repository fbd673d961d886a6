/** Plan mode of `dns`: the resolver file as it would be written. */
import { fileChange, newDirectories, type yipSchema } from '@yipts/core';
import type { ActionContext, Change, Infer } from '@yipts/core';
import { missingParents, readPathState } from '@yipts/system';
import { checkResolvValues, formatResolvConf } from './resolv-conf.js';

export async function planDns(spec: Infer<typeof yipSchema.Dns>, ctx: ActionContext, defaultPath: string, mode: number): Promise<Change[]> {
  const nameservers = spec.nameservers ?? [];
  if (nameservers.length === 0) return [];
  const conf = { nameservers, search: spec.search ?? [], options: spec.options ?? [] };
  checkResolvValues(conf);
  const path = spec.path || defaultPath;
  const root = ctx.run.options.root;
  const current = await readPathState(root, path);
  return [
    ...newDirectories(await missingParents(root, path), { mode: 0o755 }),
    ...fileChange(current, { path, content: formatResolvConf(conf), mode }),
  ];
}
