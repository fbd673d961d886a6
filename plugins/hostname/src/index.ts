/**
 * `hostname`: the value is rendered as a template (`kairos-{{ trunc 4 .MachineID }}`), then
 * written to /etc/hostname (`name\n`) and into every 127.0.0.1 line of /etc/hosts. On the host
 * the running system's name is set too; inside a target root only its files change, never the
 * name of the machine doing the work.
 */
import { ACTION_ORDER, defineAction, definePlugin, yipSchema } from '@yipts/core';
import type { ActionContext, Plugin, StepContext } from '@yipts/core';
import { isHostRoot } from '@yipts/system';
import { updateHostsFile, writeHostnameFile } from './files.js';
import { setLiveHostname } from './live.js';
import { checkHostname } from './name.js';
import { planHostname } from './plan.js';

export const PLUGIN_NAME = 'hostname';

export type HostnameOptions = Record<string, never>;

export default function hostnamePlugin(_options: HostnameOptions = {}): Plugin {
  return definePlugin({
    name: PLUGIN_NAME,
    actions: {
      hostname: defineAction({
        schema: yipSchema.actionSchemas.hostname,
        order: ACTION_ORDER.HOSTNAME,
        run: applyHostname,
        plan: planHostname,
      }),
    },
  });
}

async function applyHostname(template: string, ctx: ActionContext): Promise<void> {
  if (template.trim() === '') return;
  await setHostname(checkHostname(ctx.render(template)), ctx);
}

/**
 * Gives the system `name`: the live name on the host, /etc/hostname and the 127.0.0.1 line of
 * /etc/hosts in the target root. Also used by the datasource plugin for a metadata host name.
 */
export async function setHostname(name: string, ctx: StepContext): Promise<void> {
  const root = ctx.run.options.root;
  // As yip: each part is attempted, and every failure is reported.
  if (isHostRoot(root)) {
    await setLiveHostname(name, ctx.run.options.env, ctx.signal).catch((e: unknown) => ctx.report(e));
  } else {
    ctx.logger.log('debug', `host name ${name} written to the target root only; the running system keeps its name`);
  }
  await writeHostnameFile(root, name).then(
    (path) => ctx.logger.log('debug', `wrote ${path}`),
    (e: unknown) => ctx.report(new Error(`/etc/hostname: ${(e as Error).message}`, { cause: e })),
  );
  await updateHostsFile(root, name).then(
    (path) => ctx.logger.log('debug', `updated ${path}`),
    (e: unknown) => ctx.report(new Error(`/etc/hosts: ${(e as Error).message}`, { cause: e })),
  );
}

export { hostnamePlugin, checkHostname };
export { rewriteHosts } from './hosts-file.js';
