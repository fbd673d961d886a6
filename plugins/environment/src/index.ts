/**
 * `environment` (with `environment_file`, default /etc/environment): the variables are merged
 * into the file of the target root, values rendered as templates, and the whole file rewritten
 * in yip's format (see dotenv.ts), mode 0644, atomically.
 */
import { definePlugin, yipActions, yipSchema } from '@yipts/core';
import type { ActionContext, Change, Plugin } from '@yipts/core';
import { mergeFileInRoot } from '@yipts/system';
import { checkKey, formatEnvironment, parseEnvironment } from './dotenv.js';
import { planEnvironment } from './plan.js';

export const PLUGIN_NAME = 'environment';

export const DEFAULT_ENVIRONMENT_FILE = '/etc/environment';
const FILE_MODE = 0o644;
/** A missing parent gets the file's mode plus owner-execute, as yip makes it (0744). */
const PARENT_MODE = FILE_MODE | 0o100;

export default function environmentPlugin(): Plugin {
  return definePlugin({
    name: PLUGIN_NAME,
    actions: yipActions({ environment: { run: writeEnvironment, plan: planEnvironmentFile } }),
    fields: { environment_file: yipSchema.actionSchemas.environment_file },
  });
}

function planEnvironmentFile(values: Readonly<Record<string, string>>, ctx: ActionContext): Promise<Change[]> {
  return planEnvironment(values, ctx, DEFAULT_ENVIRONMENT_FILE, FILE_MODE);
}

async function writeEnvironment(values: Readonly<Record<string, string>>, ctx: ActionContext): Promise<void> {
  const entries = Object.entries(values);
  if (entries.length === 0) return;
  const fileSetting = ctx.step.spec.environment_file;
  const path = typeof fileSetting === 'string' && fileSetting !== '' ? fileSetting : DEFAULT_ENVIRONMENT_FILE;
  const updates = new Map<string, string>();
  for (const [key, value] of entries) {
    try {
      checkKey(key);
      updates.set(key, ctx.render(value));
    } catch (error) {
      ctx.report(new Error(`environment ${path}: ${(error as Error).message}`, { cause: error }));
    }
  }
  if (updates.size === 0) return;
  const root = ctx.run.options.root;
  try {
    const merge = (current: string | undefined) => {
      const env = parseEnvironment(current ?? '');
      for (const [k, v] of updates) env.set(k, v);
      return formatEnvironment(env);
    };
    const written = await mergeFileInRoot(root, path, merge, { mode: FILE_MODE }, { mode: PARENT_MODE });
    ctx.logger.log('debug', `environment: ${updates.size} variable(s) written to ${written}`);
  } catch (error) {
    throw new Error(`environment ${path}: ${(error as Error).message}`, { cause: error });
  }
}

export { environmentPlugin, formatEnvironment, parseEnvironment };
