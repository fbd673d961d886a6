/**
 * Which git does the work. The host's git is preferred: an image being built often has no git,
 * and the host's works on paths inside the root like on any directory. When the host has none,
 * the image's own git runs chrooted, and every path it is given is the path seen inside the root.
 * A path pinned inside the root (`/proc/self/fd/N/…`) is given to the host's git as this
 * process's `/proc/PID/fd/N/…`, and to the chrooted git as the path it stands for.
 */
import { describeHostPath, findExecutable, insideRoot, isHostRoot, pinnedForChild } from '@yipts/system';

export type GitChoice = 'auto' | 'host' | 'root';

export interface GitTool {
  /** The program, as seen where it runs. */
  readonly program: string;
  /** `/` for the host's git, the target root for the image's (run through chroot). */
  readonly execRoot: string;
  /** A host path as this git sees it. */
  see(hostPath: string): string;
}

type Env = Readonly<Record<string, string | undefined>>;

export async function findGit(root: string, choice: GitChoice, env: Env): Promise<GitTool> {
  if (choice !== 'root' || isHostRoot(root)) {
    const program = await findExecutable('/', 'git', env);
    if (program) return { program, execRoot: '/', see: pinnedForChild };
    if (isHostRoot(root)) throw new Error('git is not installed on this system (not found in PATH)');
    if (choice === 'host') throw new Error('git is not installed on this host (not found in PATH)');
  }
  const program = await findExecutable(root, 'git');
  if (program) return { program, execRoot: root, see: (p) => insideRoot(root, describeHostPath(p)) };
  throw new Error(
    choice === 'root' ? 'git is not installed in the target root' : 'git is installed neither on this host nor in the target root',
  );
}
