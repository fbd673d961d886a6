/**
 * A provisioning tool's executor: yip's run-stage over the tool's own config directory, with
 * only the plugins it trusts (templates, conditionals, files) and one of its own (`stamp`).
 * Commands, packages, users… are left out: a step using them is warned about, never run.
 */
import { checkPluginOptions } from '@yipts/core';
import type { Logger } from '@yipts/core';
import { runStage } from '@yipts/preset';
import type { RunStageOutcome } from '@yipts/preset';
import conditionalsPlugin from '@yipts/plugin-conditionals';
import filesPlugin from '@yipts/plugin-files';
import templatesPlugin from '@yipts/plugin-templates';
import stampPlugin, { OPTIONS_SCHEMA, PLUGIN_NAME } from './stamp-plugin.js';
import type { StampOptions } from './stamp-plugin.js';

export { default as stampPlugin } from './stamp-plugin.js';

/** Where the tool keeps its configs, inside the image. */
export const ACME_CONFIG_PATHS = ['/etc/acme/provision.d'];

export interface ProvisionOptions {
  readonly root: string;
  readonly stage: string;
  readonly stamp?: StampOptions;
  readonly logger?: Logger;
  /** The kernel command line to read; default none (the tool provisions images, not this machine). */
  readonly cmdline?: string | false;
}

export function provision(options: ProvisionOptions): Promise<RunStageOutcome> {
  checkPluginOptions(PLUGIN_NAME, OPTIONS_SCHEMA, options.stamp, 'provision()');
  return runStage({
    stage: options.stage,
    root: options.root,
    configPaths: ACME_CONFIG_PATHS,
    cmdline: options.cmdline ?? false,
    strict: true,
    plugins: [templatesPlugin(), conditionalsPlugin(), filesPlugin(), stampPlugin(options.stamp)],
    ...(options.logger ? { logger: options.logger } : {}),
  });
}
