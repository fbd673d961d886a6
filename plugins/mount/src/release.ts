/**
 * Releasing the root: sync, then unmount in reverse order of mounting, then remove what was
 * created for the mounts. Whatever happened in between (a step that failed, a step that
 * mounted something itself inside the chroot, an interrupted run), every mount that appeared
 * below the root during the run is undone, newest first, because the mount table, not the
 * plugin's memory, is the reference. A mount still busy after a few tries is detached lazily:
 * it is gone from the tree at once and freed when its last user exits.
 */
import { rmdirSync, unlinkSync } from 'node:fs';
import { describeFailure, insideRoot, withinRoot } from '@yipts/system';
import type { MountEntry } from './mountinfo.js';
import { isWithin, mountKey, readMountTable } from './mountinfo.js';
import { removeScratch } from './plan-overlay.js';
import { carryOverResolver } from './resolver.js';
import type { RootSession } from './session.js';
import { runTool, ToolError } from './tools.js';

const BUSY_RETRIES = 5;
const SYNC_TIMEOUT_MS = 600_000;

export async function releaseRoot(session: RootSession): Promise<void> {
  const errors: Error[] = [];
  const attempt = async (fn: () => Promise<void>): Promise<boolean> => {
    try {
      await fn();
      return true;
    } catch (error) {
      errors.push(error as Error);
      return false;
    }
  };
  await attempt(() => syncFilesystems(session));
  const unmounted = await attempt(() => unmountAll(session));
  if (unmounted) await attempt(() => carryOverResolver(session));
  await attempt(() => removeCreated(session, undefined));
  if (unmounted) await attempt(() => removeScratch(session));
  await session.resolver?.handle.close().catch(() => {});
  if (errors.length === 1) throw errors[0];
  if (errors.length > 1) throw new AggregateError(errors, `releasing ${session.root} failed: ${errors.map((e) => e.message).join('; ')}`);
}

/** Flushes the root's filesystem and every partition mounted in it, as Elemental's `sync` does. */
async function syncFilesystems(session: RootSession): Promise<void> {
  const paths = [session.root, ...session.mounts.filter((m) => !m.hostBacked).map((m) => m.target)];
  const result = await runTool(['sync', '-f', '--', ...paths], SYNC_TIMEOUT_MS);
  if (result.exitCode !== 0 || result.timedOut)
    throw new Error(`cannot sync ${session.root} before unmounting: ${describeFailure(result)}`);
}

function newMounts(session: RootSession, table: readonly MountEntry[]): MountEntry[] {
  return table.filter((m) => isWithin(session.root, m.target) && !session.preexisting.has(mountKey(m)));
}

async function unmountAll(session: RootSession): Promise<void> {
  const failures: string[] = [];
  // Lazily detaching a parent takes its children with it, so a second pass usually finds nothing.
  for (let pass = 0; pass < 3; pass++) {
    const pending = newMounts(session, await readMountTable()).reverse();
    if (!pending.length) return;
    for (const m of pending) {
      const failure = await unmountOne(session, m, pass > 0);
      if (failure) failures.push(failure);
    }
  }
  const left = newMounts(session, await readMountTable());
  if (left.length) {
    const detail = failures.length ? ` (${[...new Set(failures)].join('; ')})` : '';
    throw new Error(`still mounted after release: ${left.map((m) => m.target).join(', ')}${detail}`);
  }
}

/** Returns why the mount could not be undone, or undefined when it is gone. */
async function unmountOne(session: RootSession, m: MountEntry, lazyAtOnce: boolean): Promise<string | undefined> {
  for (let attempt = 0; ; attempt++) {
    // A lazily detached parent took this one along already.
    if (!(await stillMounted(m))) return undefined;
    // What was made on this filesystem for the run goes before the filesystem does.
    if (attempt === 0 && session.owns(m)) await removeCreated(session, m.target);
    const lazy = lazyAtOnce || attempt >= BUSY_RETRIES;
    // -c: the kernel's path is taken as is, no link on the way can send umount elsewhere.
    const result = await runTool(['umount', '-c', ...(lazy ? ['-l'] : []), '--', m.target]);
    if (result.exitCode === 0 && !result.timedOut) {
      if (lazy)
        session.log('warning', `${m.target} was busy (a process still uses it): detached lazily; it is freed when that process exits`);
      return undefined;
    }
    const error = new ToolError(`cannot unmount ${m.target}: ${describeFailure(result)}`, result);
    if (!(await stillMounted(m))) return undefined;
    if (lazy) return error.message;
    if (!error.busy) {
      // Not busy, not gone: a plain unmount will not do better by waiting.
      attempt = BUSY_RETRIES - 1;
      continue;
    }
    await new Promise((r) => setTimeout(r, 100 * (attempt + 1)));
  }
}

async function stillMounted(m: MountEntry): Promise<boolean> {
  const key = mountKey(m);
  return (await readMountTable()).some((e) => mountKey(e) === key);
}

/** Mount points and placeholder files made on `on` (undefined: the root's own filesystem), newest first; non-empty ones stay. */
async function removeCreated(session: RootSession, on: string | undefined): Promise<void> {
  for (const item of [...session.created].reverse()) {
    if (item.on !== on) continue;
    try {
      // Through the walk, as they were made: a link swapped in meanwhile removes nothing outside.
      await withinRoot(session.root, insideRoot(session.root, item.path), { followLast: false }, (p) =>
        item.kind === 'file' ? unlinkSync(p.host) : rmdirSync(p.host),
      );
    } catch (error) {
      const e = error as NodeJS.ErrnoException;
      if (e.code !== 'ENOENT')
        session.log(item.kind === 'file' ? 'warning' : 'debug', `leaving ${item.path}, made as a mount point, in place: ${e.message}`);
    }
  }
}
