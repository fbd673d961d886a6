/**
 * `git`: `{url, path, branch, branch_only, auth: {username, password, private_key, public_key,
 * insecure}}`. Clones `url` into `path` (inside the target root), or, when `path` already is a
 * clone, fetches and force-checks-out the remote branch. Without `branch` the remote's default
 * branch is cloned and an existing clone follows the branch it has checked out (as yip's default
 * build). `url` and `path` are not templates (as yip). No `url`: nothing to do (as yip).
 */
import { definePlugin, s, yipActions } from '@yipts/core';
import type { ActionContext, GitSpec, Plugin } from '@yipts/core';
import { planGit } from './plan.js';
import { parseRemote } from './remote.js';
import { syncRepository } from './sync.js';
import type { GitChoice } from './tool.js';

export const PLUGIN_NAME = 'git';

/** Ten minutes: a large repository over a slow line, but never a boot that hangs forever. */
export const DEFAULT_GIT_TIMEOUT_MS = 600_000;

export interface GitOptions {
  /** Limit for all the git commands of one `git` key, in milliseconds (default 10 min; 0: none). */
  readonly timeoutMs?: number;
  /** Which git runs: `auto` (the host's, else the target root's own, chrooted), `host` or `root`. */
  readonly tool?: GitChoice;
}

/** The options, checked before the plugin is made (an executor configuration's `pluginOptions`). */
export const OPTIONS_SCHEMA = s.object({
  timeoutMs: s.describe(s.integer(), 'limit for the git commands of one `git` key, in milliseconds; 0: none'),
  tool: s.describe(s.enumOf(['auto', 'host', 'root'] as const), 'which git runs for a target root'),
});

export default function gitPlugin(options: GitOptions = {}): Plugin {
  const settings: GitSettings = { timeoutMs: options.timeoutMs ?? DEFAULT_GIT_TIMEOUT_MS, choice: options.tool ?? 'auto' };
  return definePlugin({
    name: PLUGIN_NAME,
    actions: yipActions({ git: { plan: planGit, run: (spec, ctx) => syncGit(spec, ctx, settings) } }),
  });
}

/** The options with their defaults applied. */
interface GitSettings {
  readonly timeoutMs: number;
  readonly choice: GitChoice;
}

async function syncGit(spec: GitSpec, ctx: ActionContext, { timeoutMs, choice }: GitSettings): Promise<void> {
  if (!spec.url) {
    if (spec.path) ctx.logger.log('warning', `git: no \`url\` to clone into ${spec.path}; nothing done`);
    return;
  }
  // Only the password-free form of the URL ever appears in a message.
  let shown = spec.url;
  try {
    shown = parseRemote(spec.url).url;
  } catch {
    // syncRepository reports what is wrong with it
  }
  const what = `${shown} into ${spec.path || '(no path)'}`;
  try {
    const outcome = await syncRepository({
      spec,
      root: ctx.run.options.root,
      env: ctx.run.options.env,
      choice,
      timeoutMs,
      signal: ctx.signal,
      log: (level, message) => ctx.logger.log(level, `git ${what}: ${message}`),
    });
    ctx.logger.log('info', `git: ${outcome === 'cloned' ? 'cloned' : 'updated'} ${what}`);
  } catch (error) {
    throw new Error(`git ${what}: ${(error as Error).message}`, { cause: error });
  }
}

export { gitPlugin, parseRemote };
export type { GitChoice };
