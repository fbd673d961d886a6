/**
 * An existing clone brought to the remote branch: fetched from the configured URL, then the local
 * branch is reset to what was fetched and checked out by force. Local commits, staged and
 * unstaged changes to tracked files are gone afterwards (untracked files stay, as with yip).
 * `origin` is pointed at the configured URL when it said something else.
 */
import { GitCommandError, runGit } from './command.js';
import type { GitSession } from './command.js';

export interface UpdateRequest {
  readonly session: GitSession;
  readonly fetchUrl: string;
  readonly originUrl: string;
  /** Undefined: the branch the clone has checked out (yip's pull of the current branch). */
  readonly branch: string | undefined;
  readonly branchOnly: boolean;
  readonly destination: string;
  readonly log: (message: string) => void;
}

export async function updateClone(request: UpdateRequest): Promise<void> {
  const { session } = request;
  const git = (...args: string[]) => runGit(session, ['-C', session.tool.see(request.destination), ...args]);
  const branch = request.branch ?? (await currentBranch(git));

  const origin = await git('config', '--get', 'remote.origin.url').then(
    (r) => r.stdout.trim(),
    () => undefined,
  );
  if (origin === undefined) {
    await git('remote', 'add', 'origin', request.originUrl);
  } else if (origin !== request.originUrl) {
    request.log(`origin of the clone was ${origin}; set to ${request.originUrl}`);
    await git('remote', 'set-url', 'origin', request.originUrl);
  }
  if (request.branchOnly) await git('remote', 'set-branches', 'origin', branch);

  try {
    await git('fetch', '--force', '--', request.fetchUrl, `+refs/heads/${branch}:refs/remotes/origin/${branch}`);
  } catch (error) {
    // `git clone --branch` also takes a tag; so does the update.
    if (!(error instanceof GitCommandError && /couldn't find remote ref/i.test(error.result?.output ?? ''))) throw error;
    await git('fetch', '--force', '--', request.fetchUrl, `+refs/tags/${branch}:refs/tags/${branch}`).catch(() => {
      throw error;
    });
    await git('checkout', '--force', '--detach', `refs/tags/${branch}`);
    return;
  }
  await git('checkout', '--force', '-B', branch, `refs/remotes/origin/${branch}`);
}

async function currentBranch(git: (...args: string[]) => Promise<{ stdout: string }>): Promise<string> {
  const name = await git('symbolic-ref', '--quiet', '--short', 'HEAD').then(
    (r) => r.stdout.trim(),
    () => '',
  );
  if (!name) throw new Error('no `branch` is given and the clone has no branch checked out (detached HEAD): say which branch to follow');
  return name;
}
