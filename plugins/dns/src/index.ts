/**
 * `dns`: writes the resolver configuration (default /etc/resolv.conf) of the target root when
 * nameservers are given, mode 0644, atomically. A resolv.conf that is a symlink (e.g. to
 * systemd-resolved's stub file) is followed inside the root, as writing through it would.
 */
import { definePlugin, yipActions } from '@yipts/core';
import type { ActionContext, Change, Infer, Plugin, yipSchema } from '@yipts/core';
import { insideRoot, replaceFile, resolveInRoot } from '@yipts/system';
import { planDns } from './plan.js';
import { checkResolvValues, formatResolvConf } from './resolv-conf.js';

export const PLUGIN_NAME = 'dns';

export const DEFAULT_RESOLV_CONF = '/etc/resolv.conf';
const MODE = 0o644;

type DnsSpec = Infer<typeof yipSchema.Dns>;

export default function dnsPlugin(): Plugin {
  return definePlugin({ name: PLUGIN_NAME, actions: yipActions({ dns: { run: writeDns, plan: planResolvConf } }) });
}

function planResolvConf(spec: DnsSpec, ctx: ActionContext): Promise<Change[]> {
  return planDns(spec, ctx, DEFAULT_RESOLV_CONF, MODE);
}

async function writeDns(spec: DnsSpec, ctx: ActionContext): Promise<void> {
  const nameservers = spec.nameservers ?? [];
  if (nameservers.length === 0) return;
  const conf = { nameservers, search: spec.search ?? [], options: spec.options ?? [] };
  const path = spec.path || DEFAULT_RESOLV_CONF;
  try {
    checkResolvValues(conf);
    const root = ctx.run.options.root;
    const target = await resolveInRoot(root, path);
    // A dangling link (e.g. to /run/systemd/resolve/… in an image) gets its directory made.
    await replaceFile(root, path, formatResolvConf(conf), { mode: MODE });
    ctx.logger.log('debug', `wrote ${insideRoot(root, target)} with ${nameservers.length} nameserver(s)`);
  } catch (error) {
    throw new Error(`dns ${path}: ${(error as Error).message}`, { cause: error });
  }
}

export { dnsPlugin, formatResolvConf };
