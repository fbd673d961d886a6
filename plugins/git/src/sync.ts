/**
 * One `git` key: the destination is resolved inside the target root, and then cloned fresh or,
 * when it already is a clone, updated. Work on one destination runs one at a time (two steps of
 * a stage may name the same path). A local remote is a path inside the target root too.
 */
import { rmdirSync } from 'node:fs';
import { posix } from 'node:path';
import { describeInRoot, isHostRoot, openInRoot, PARENT_DIRECTORY, resolveInRoot, withinRoot, withPathLock } from '@yipts/system';
import type { RootPath } from '@yipts/system';
import { prepareAuth } from './auth.js';
import type { GitSpec } from '@yipts/core';
import { cloneInto } from './clone.js';
import { BASE_CONFIG, gitEnvironment } from './command.js';
import type { GitSession } from './command.js';
import { destinationState } from './destination.js';
import { parseRemote } from './remote.js';
import { createStaging } from './staging.js';
import { findGit } from './tool.js';
import type { GitChoice, GitTool } from './tool.js';
import { updateClone } from './update.js';

export interface SyncRequest {
  readonly spec: GitSpec;
  readonly root: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly choice: GitChoice;
  /** For the whole key; 0: no limit. */
  readonly timeoutMs: number;
  readonly signal: AbortSignal;
  readonly log: (level: 'info' | 'debug', message: string) => void;
}

export type SyncOutcome = 'cloned' | 'updated';

export async function syncRepository(request: SyncRequest): Promise<SyncOutcome> {
  const { spec, root } = request;
  const remote = parseRemote(spec.url ?? '');
  if (!spec.path) throw new Error('`path` is missing: it names the directory to clone into');
  const branch = spec.branch ? checkBranch(spec.branch) : undefined;
  const resolved = await resolveInRoot(root, spec.path);
  if (resolved === posix.resolve(root)) throw new Error(`\`path\` ${spec.path} is the root directory itself; name a directory below it`);
  const tool = await findGit(root, request.choice, request.env);
  request.log('debug', tool.execRoot === '/' ? `using the host's ${tool.program}` : `using the target root's ${tool.program} (chrooted)`);
  const fetchUrl = remote.kind === 'local' ? tool.see(await resolveInRoot(root, remote.localPath ?? '')) : remote.url;

  return withPathLock(resolved, () =>
    withPinnedDestination(root, spec.path!, (destination) => syncInto(request, { destination, tool, fetchUrl, branch, remote })),
  );
}

/**
 * Inside a root the destination is pinned by its parent directory (`openInRoot`, parents made
 * 0755): the staging directory is made there, the clone renamed there, and the host's git is
 * given this process's fd path, so a directory swapped for a link meanwhile changes nothing.
 * Parents made for a clone that did not happen are removed again.
 */
async function withPinnedDestination<T>(root: string, path: string, use: (destination: string) => Promise<T>): Promise<T> {
  if (isHostRoot(root)) return use(await resolveInRoot(root, path));
  let pinned: RootPath;
  try {
    pinned = openInRoot(root, path, { createParents: PARENT_DIRECTORY });
  } catch (error) {
    throw describeInRoot(error);
  }
  let placed = false;
  try {
    const result = await use(pinned.host);
    placed = true;
    return result;
  } catch (error) {
    throw describeInRoot(error);
  } finally {
    pinned.close();
    if (!placed) for (const dir of [...pinned.created].reverse()) await removeIfEmpty(root, dir);
  }
}

async function removeIfEmpty(root: string, dir: string): Promise<void> {
  await withinRoot(root, dir, { followLast: false }, (target) => rmdirSync(target.host)).catch(() => undefined);
}

interface SyncPlan {
  readonly destination: string;
  readonly tool: Awaited<ReturnType<typeof findGit>>;
  readonly fetchUrl: string;
  readonly branch: string | undefined;
  readonly remote: ReturnType<typeof parseRemote>;
}

async function syncInto(request: SyncRequest, plan: SyncPlan): Promise<SyncOutcome> {
  const { spec } = request;
  const { destination, tool, fetchUrl, branch, remote } = plan;
  const deadline = request.timeoutMs > 0 ? Date.now() + request.timeoutMs : undefined;
  const state = await destinationState(destination);
  if (state.kind === 'not-a-directory') throw new Error(`${spec.path} exists and is not a directory`);
  if (state.kind === 'occupied') throw new Error(`${spec.path} is not empty and is not a git clone; it is left as it is`);
  const staging = await createStaging(destination);
  let placed = false;
  try {
    const auth = await prepareAuth(spec.auth, remote, tool, staging.dir);
    const session: GitSession = {
      tool,
      env: gitEnvironment(request.env, auth.env),
      config: [...BASE_CONFIG, ...auth.config],
      deadline,
      limitMs: request.timeoutMs,
      signal: request.signal,
    };
    const common = { session, fetchUrl, originUrl: remote.url, branch, branchOnly: spec.branch_only ?? false, destination };
    if (state.kind === 'clone') {
      const log = (message: string) => request.log('info', message);
      const at = { root: request.root, path: spec.path!, destination, tool };
      await withOpenClone(at, (clone) => updateClone({ ...common, destination: clone, log }));
      return 'updated';
    }
    await cloneInto({
      ...common,
      noLocal: remote.fileUrl ?? false,
      stagingDir: staging.dir,
      replaces: state.kind === 'empty' ? state.stats : undefined,
    });
    placed = true;
    return 'cloned';
  } finally {
    await staging.dispose(placed);
  }
}

interface CloneAt {
  readonly root: string;
  /** As the config names it, inside the root. */
  readonly path: string;
  /** Where the destination was pinned (through its parent). */
  readonly destination: string;
  readonly tool: GitTool;
}

/**
 * An existing clone in a target root, updated by the host's git: the clone directory itself is
 * held open (walked to from the root by `withinRoot`, as the parent of its `.git`), and git is
 * given that directory (`git -C /proc/PID/fd/N`), so a link swapped in for it meanwhile cannot
 * send the checkout anywhere else. The image's own git runs chrooted, where the kernel keeps it
 * inside the root; on the host there is nothing to confine.
 */
async function withOpenClone<T>(clone: CloneAt, use: (clone: string) => Promise<T>): Promise<T> {
  const { root, path, destination, tool } = clone;
  if (tool.execRoot !== '/' || isHostRoot(root)) return use(destination);
  return withinRoot(root, posix.join(path, '.git'), { followLast: false }, (dotGit) => use(dotGit.parent));
}

/** Enough of git's ref name rules that a name can never be read as an option or a refspec. */
function checkBranch(name: string): string {
  const bad =
    name.startsWith('-') ||
    name.startsWith('/') ||
    name.endsWith('/') ||
    name.endsWith('.') ||
    name.endsWith('.lock') ||
    name.includes('..') ||
    name.includes('//') ||
    name.includes('@{') ||
    /[\0-\x20\x7f~^:?*[\\]/.test(name);
  if (bad) throw new Error(`\`branch\` ${JSON.stringify(name)} is not a valid branch name`);
  return name;
}
