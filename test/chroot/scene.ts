// The setting of an upgrade: NEWROOT (a busybox tree, or a Debian one where a real package
// manager matters), the COS_OEM and COS_PERSISTENT partitions as ext4 images on loop devices,
// and the executor configuration that names their devices. The devices are named rather than
// looked up with blkid because other test runs on the machine may attach images with the same
// labels at the same time; the lookup itself is tested in plugins/mount/test/prepare.test.ts.
import { readFile, readdir } from 'node:fs/promises';
import type { Cleanups, FileTree, LoopImage, TempRoot } from '../fixtures/index.js';
import { busyboxRoot, debianRoot, loopImage } from '../fixtures/index.js';
import { mountConfig } from './cli.js';

export interface Scene {
  root: TempRoot;
  oem: LoopImage | undefined;
  persistent: LoopImage | undefined;
  /** --config file with the mount plugin's options. */
  config: string;
}

export interface SceneOptions {
  /** Files of the COS_OEM image; false: no such partition. */
  oem?: FileTree | false;
  persistent?: FileTree | false;
  debian?: boolean;
  /** More mount plugin options. */
  mount?: Record<string, unknown>;
}

export async function scene(defer: Cleanups['defer'], opts: SceneOptions = {}): Promise<Scene> {
  const root = opts.debian ? await debianRoot({ tmpfs: true }) : await busyboxRoot();
  defer(root.cleanup);
  const oem = opts.oem === false ? undefined : await loopImage({ label: 'COS_OEM', sizeMiB: 16, files: opts.oem ?? {} });
  if (oem) defer(oem.cleanup);
  const persistent =
    opts.persistent === false ? undefined : await loopImage({ label: 'COS_PERSISTENT', sizeMiB: 16, files: opts.persistent ?? {} });
  if (persistent) defer(persistent.cleanup);
  const devices: Record<string, string> = {};
  if (oem) devices.COS_OEM = oem.device;
  if (persistent) devices.COS_PERSISTENT = persistent.device;
  const config = await mountConfig({ devices, ...opts.mount });
  defer(config.cleanup);
  return { root, oem, persistent, config: config.file };
}

/** Every mount target, of every process on the machine (other namespaces included), below dir. */
export async function mountsAnywhereUnder(dir: string): Promise<string[]> {
  const out = new Set<string>();
  for (const pid of await readdir('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    const text = await readFile(`/proc/${pid}/mountinfo`, 'utf8').catch(() => '');
    for (const line of text.split('\n')) {
      const target = line.split(' ')[4];
      if (target?.startsWith(`${dir}/`)) out.add(target);
    }
  }
  return [...out].sort();
}
