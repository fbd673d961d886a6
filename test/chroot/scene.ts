// The setting of an upgrade: NEWROOT (a busybox tree, or a Debian one where a real package
// manager matters), the COS_OEM and COS_PERSISTENT partitions as ext4 images on loop devices,
// and the executor configuration that names their devices. The devices are named rather than
// looked up with blkid because other test runs on the machine may attach images with the same
// labels at the same time; the lookup itself is tested in plugins/mount/test/prepare.test.ts.
import { readFile, readdir, readlink } from 'node:fs/promises';
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
  return targetsOf(await mountsByNamespace(dir));
}

/**
 * The mounts left below dir once the run is over. A mount left in this process's namespace is
 * returned at once. One seen only in another namespace may be a copy that an unrelated process
 * (another test creating its own namespace while a run had mounted in this one) holds until it
 * exits, so those get a while to go; a mount the run really left behind stays and is returned.
 */
export async function mountsLeftUnder(dir: string, settleMs = 20_000): Promise<string[]> {
  const own = await readlink('/proc/self/ns/mnt');
  const deadline = Date.now() + settleMs;
  for (;;) {
    const found = await mountsByNamespace(dir);
    const all = targetsOf(found);
    if (all.length === 0 || found.has(own) || Date.now() > deadline) return all;
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function mountsByNamespace(dir: string): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  const seen = new Set<string>();
  for (const pid of await readdir('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    const ns = await readlink(`/proc/${pid}/ns/mnt`).catch(() => undefined);
    if (ns === undefined || seen.has(ns)) continue;
    seen.add(ns);
    const text = await readFile(`/proc/${pid}/mountinfo`, 'utf8').catch(() => '');
    const targets = text
      .split('\n')
      .map((line) => line.split(' ')[4])
      .filter((target): target is string => target?.startsWith(`${dir}/`) === true);
    if (targets.length) out.set(ns, targets);
  }
  return out;
}

/** Every target once, sorted. */
function targetsOf(byNamespace: Map<string, string[]>): string[] {
  return [...new Set([...byNamespace.values()].flat())].sort();
}
