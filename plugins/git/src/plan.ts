/** Plan mode of `git`: the repository that would be cloned, or fetched to update a clone already there; nothing is fetched. */
import type { ActionContext, Change, GitSpec } from '@yipts/core';
import { readPathState } from '@yipts/system';
import { parseRemote } from './remote.js';

export async function planGit(spec: GitSpec, ctx: ActionContext): Promise<Change[]> {
  if (!spec.url) return [];
  if (!spec.path) throw new Error('git: no `path` to clone into');
  // Only the password-free form of the URL is ever shown.
  const url = parseRemote(spec.url).url;
  const clone = await readPathState(ctx.run.options.root, `${spec.path.replace(/\/+$/, '')}/.git`);
  const branch = spec.branch ? ` (branch ${spec.branch})` : '';
  return [
    { kind: 'fetch', url, target: spec.path },
    { kind: 'note', text: clone.exists ? `the clone in ${spec.path} would be updated${branch}` : `${spec.path} would be cloned${branch}` },
  ];
}
