/** Plan mode of `environment`: the environment file with the rendered variables set, as it would be written. */
import { fileChange, newDirectories } from '@yipts/core';
import type { ActionContext, Change } from '@yipts/core';
import { missingParents, readPathState } from '@yipts/system';
import { checkKey, formatEnvironment, parseEnvironment } from './dotenv.js';

export async function planEnvironment(
  values: Readonly<Record<string, string>>,
  ctx: ActionContext,
  defaultPath: string,
  mode: number,
): Promise<Change[]> {
  const entries = Object.entries(values);
  if (entries.length === 0) return [];
  const setting = ctx.step.spec.environment_file;
  const path = typeof setting === 'string' && setting !== '' ? setting : defaultPath;
  const root = ctx.run.options.root;
  const current = await readPathState(root, path);
  const env = parseEnvironment(current.content?.toString('utf8') ?? '');
  for (const [key, value] of entries) {
    checkKey(key);
    env.set(key, ctx.render(value));
  }
  const parents = newDirectories(await missingParents(root, path), { mode: mode | 0o100 });
  return [...parents, ...fileChange(current, { path, content: formatEnvironment(env), mode })];
}
