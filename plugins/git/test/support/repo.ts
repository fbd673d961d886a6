/**
 * An upstream repository built by the test with the real git: a work tree where commits are made
 * and a bare repository they are pushed to, which is what the plugin clones (over a path, file://,
 * smart HTTP or ssh).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { run } from '@yipts/test-fixtures';

const IDENTITY = {
  GIT_AUTHOR_NAME: 'Upstream',
  GIT_AUTHOR_EMAIL: 'upstream@example.invalid',
  GIT_COMMITTER_NAME: 'Upstream',
  GIT_COMMITTER_EMAIL: 'upstream@example.invalid',
};

/** git for the test's own repositories: no host configuration, a fixed identity. */
export function git(args: readonly string[], cwd?: string) {
  return run('git', ['-c', 'init.defaultBranch=master', '-c', 'safe.directory=*', ...args], {
    ...(cwd ? { cwd } : {}),
    env: { ...process.env, ...IDENTITY, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1', GIT_TERMINAL_PROMPT: '0' },
  });
}

export interface Upstream {
  /** The bare repository. */
  readonly bare: string;
  readonly work: string;
  /** Writes files on `branch`, commits and pushes; returns the commit id. */
  commit(branch: string, files: Record<string, string>, message?: string): Promise<string>;
  head(branch: string): Promise<string>;
}

/**
 * master: README = "v1\n", only-master.txt; feature (from master's first commit): README = "v1\n",
 * feature.txt = "feature\n".
 */
export async function makeUpstream(dir: string, name = 'repo.git'): Promise<Upstream> {
  const bare = join(dir, name);
  const work = join(dir, `${name}.work`);
  await git(['init', '--quiet', '--bare', bare]);
  await git(['init', '--quiet', work]);
  await git(['remote', 'add', 'origin', bare], work);
  const upstream: Upstream = {
    bare,
    work,
    async commit(branch, files, message = 'change') {
      const exists = await git(['rev-parse', '--verify', '--quiet', `refs/heads/${branch}`], work).then(
        () => true,
        () => false,
      );
      const current = (await git(['symbolic-ref', '--quiet', '--short', 'HEAD'], work).catch(() => ({ stdout: '' }))).stdout.trim();
      if (current !== branch) await git(exists ? ['checkout', '--quiet', branch] : ['checkout', '--quiet', '-b', branch], work);
      for (const [path, text] of Object.entries(files)) {
        await mkdir(join(work, path, '..'), { recursive: true });
        await writeFile(join(work, path), text);
      }
      await git(['add', '--all'], work);
      await git(['commit', '--quiet', '-m', message], work);
      await git(['push', '--quiet', '--force', 'origin', branch], work);
      return upstream.head(branch);
    },
    async head(branch) {
      return (await git(['rev-parse', `refs/heads/${branch}`], bare)).stdout.trim();
    },
  };
  await upstream.commit('master', { README: 'v1\n' }, 'first');
  await upstream.commit('feature', { 'feature.txt': 'feature\n' }, 'feature work');
  await upstream.commit('master', { 'only-master.txt': 'master\n' }, 'master work');
  return upstream;
}

/** The checked-out commit and branch of a clone. */
export async function cloneState(dir: string): Promise<{ head: string; branch: string }> {
  const head = (await git(['rev-parse', 'HEAD'], dir)).stdout.trim();
  const branch = (await git(['symbolic-ref', '--quiet', '--short', 'HEAD'], dir).catch(() => ({ stdout: '(detached)' }))).stdout.trim();
  return { head, branch };
}

export async function localBranches(dir: string): Promise<string[]> {
  return (await git(['for-each-ref', '--format=%(refname)', 'refs/heads', 'refs/remotes'], dir)).stdout.split('\n').filter(Boolean).sort();
}
