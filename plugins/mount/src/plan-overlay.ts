/**
 * Plan mode: the root is covered by an overlay whose writable layer is a private tmpfs, so the
 * image itself can never be written while a plan runs, whatever a dry run or a mount point
 * needs (apt-get -s refreshes its cache files, /oem may have to be created to mount COS_OEM
 * on). Everything written lands in memory and is gone when the overlay is released.
 */
import { mkdir, mkdtemp, rmdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RootSession } from './session.js';
import { mustRun, runTool } from './tools.js';

export async function overlayRoot(session: RootSession): Promise<void> {
  // overlayfs reads `,` and `:` in its options as separators.
  if (/[,:]/.test(session.root))
    throw new Error(`cannot plan in ${session.root}: the overlay that protects it cannot name a path with \`,\` or \`:\``);
  const scratch = await mkdtemp(join(tmpdir(), 'yipts-plan-'));
  session.scratch = scratch;
  await mustRun(['mount', '-t', 'tmpfs', '-o', 'mode=0700', 'yipts-plan', scratch], `cannot make the plan's scratch space at ${scratch}`);
  await mkdir(join(scratch, 'upper'));
  await mkdir(join(scratch, 'work'));
  const options = `lowerdir=${session.root},upperdir=${join(scratch, 'upper')},workdir=${join(scratch, 'work')}`;
  await mustRun(
    ['mount', '-t', 'overlay', '-o', options, 'yipts-plan', session.root],
    `cannot cover ${session.root} with the plan's overlay`,
  );
  await session.record({ kind: 'extra', inside: '/', target: session.root, source: 'the plan overlay', hostBacked: false });
  session.log('debug', `${session.root} is covered by an overlay for the plan: nothing reaches the image`);
}

/** The overlay's scratch space, after the overlay itself was unmounted with the rest of the root. */
export async function removeScratch(session: RootSession): Promise<void> {
  const scratch = session.scratch;
  if (!scratch) return;
  const result = await runTool(['umount', '--', scratch]);
  if (result.exitCode !== 0) throw new Error(`cannot unmount the plan's scratch space ${scratch}: ${result.output.trim()}`);
  await rmdir(scratch);
  session.scratch = undefined;
}
