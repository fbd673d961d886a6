/**
 * `hostname`: the value is rendered as a template (`kairos-{{ trunc 4 .MachineID }}`), then
 * written to /etc/hostname (`name\n`) and into every 127.0.0.1 line of /etc/hosts. On the host
 * the running system's name is set too; inside a target root only its files change, never the
 * name of the machine doing the work. The writing is `setHostname` of `@yipts/system`.
 */
import { definePlugin, yipActions } from '@yipts/core';
import type { ActionContext, Plugin } from '@yipts/core';
import { checkHostname, isHostRoot, setHostname } from '@yipts/system';
import { planHostname } from './plan.js';

export const PLUGIN_NAME = 'hostname';

export default function hostnamePlugin(): Plugin {
  return definePlugin({ name: PLUGIN_NAME, actions: yipActions({ hostname: { run: applyHostname, plan: planHostname } }) });
}

async function applyHostname(template: string, ctx: ActionContext): Promise<void> {
  if (template.trim() === '') return;
  const name = checkHostname(ctx.render(template));
  const { root, env } = ctx.run.options;
  const outcome = await setHostname(root, name, { env, signal: ctx.signal });
  if (!isHostRoot(root)) ctx.logger.log('debug', `host name ${name} written to the target root only; the running system keeps its name`);
  for (const file of outcome.written) ctx.logger.log('debug', `wrote ${file}`);
  for (const error of outcome.errors) ctx.report(error);
}

export { hostnamePlugin };
