/**
 * A fresh clone: made inside the staging directory, then renamed onto the destination, so the
 * destination is either absent (or the empty directory it was) or a complete clone, never half
 * a repository.
 */
import { rename } from 'node:fs/promises';
import { setAttributes } from '@yipts/system';
import type { Stats } from 'node:fs';
import { posix } from 'node:path';
import { runGit } from './command.js';
import type { GitSession } from './command.js';

export interface CloneRequest {
  readonly session: GitSession;
  /** The URL git fetches from (a local remote: its path as this git sees it). */
  readonly fetchUrl: string;
  /** What `origin` must say afterwards: the URL as configured, without a password. */
  readonly originUrl: string;
  readonly branch: string | undefined;
  readonly branchOnly: boolean;
  /** `file://`: through git's transport rather than the local shortcuts (hard links). */
  readonly noLocal: boolean;
  readonly stagingDir: string;
  readonly destination: string;
  /** The empty directory the clone replaces, whose mode and owner it takes. */
  readonly replaces: Stats | undefined;
}

export async function cloneInto(request: CloneRequest): Promise<void> {
  const { session } = request;
  const work = posix.join(request.stagingDir, 'clone');
  const args = ['clone'];
  if (request.branch) args.push('--branch', request.branch);
  if (request.branchOnly) args.push('--single-branch');
  if (request.noLocal) args.push('--no-local');
  args.push('--', request.fetchUrl, session.tool.see(work));
  await runGit(session, args);
  if (request.fetchUrl !== request.originUrl) {
    await runGit(session, ['-C', session.tool.see(work), 'remote', 'set-url', 'origin', request.originUrl]);
  }
  if (request.replaces) {
    // Through an fd opened with O_NOFOLLOW: a link put in its place is refused, never followed.
    const { mode, uid, gid } = request.replaces;
    setAttributes(work, { mode, uid, gid });
  }
  try {
    await rename(work, request.destination);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOTEMPTY' || code === 'EEXIST' || code === 'ENOTDIR')
      throw new Error('the destination was filled by someone else while cloning; the clone is discarded', { cause: error });
    throw error;
  }
}
