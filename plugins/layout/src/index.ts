/**
 * `layout`: GPT partitioning of a disk, as yip does it: add partitions after the last one (each
 * with its filesystem and label) and grow the last partition with its filesystem. Sizes are MiB,
 * 0 means the rest of the disk. Partitions whose filesystem label or GPT name is already on the
 * disk are not added again, and a partition already at its size is left alone, so a layout step
 * can run at every boot.
 *
 * The disk is a host device, whatever the target root: the host's tools (sfdisk, partx, mkfs.*,
 * resize2fs) do the work. With a root other than `/` only `device.path` is accepted: a chroot stage
 * must never pick a disk of the host by label.
 */
import { definePlugin, s, yipActions } from '@yipts/core';
import type { ActionContext, Plugin } from '@yipts/core';
import { isHostRoot } from '@yipts/system';
import { applyLayout } from './apply.js';
import { planLayout } from './plan-changes.js';
import { diskFromLabel, diskFromPath } from './device.js';
import { resolveScriptDevice } from './script-device.js';
import { validateLayout } from './validate.js';
import type { LayoutValue } from './validate.js';

export const PLUGIN_NAME = 'layout';

export interface LayoutOptions {
  /**
   * Allow `device.label` when the target root is not `/` (default false). The label is then
   * still looked up among the host's disks.
   */
  readonly labelInRoot?: boolean;
}

/** The options, checked before the plugin is made (an executor configuration's `pluginOptions`). */
export const OPTIONS_SCHEMA = s.object({ labelInRoot: s.describe(s.boolean(), 'allow `device.label` when the target root is not /') });

export default function layoutPlugin(options: LayoutOptions = {}): Plugin {
  return definePlugin({
    name: PLUGIN_NAME,
    actions: yipActions({ layout: { plan: planLayout, run: (value, ctx) => layoutDisk(value, ctx, options) } }),
  });
}

async function layoutDisk(value: LayoutValue, ctx: ActionContext, options: LayoutOptions): Promise<void> {
  const request = validateLayout(value);
  if (!request) {
    ctx.logger.log('warning', 'layout: neither device.path nor device.label is set, nothing to do');
    return;
  }
  const root = ctx.run.options.root;
  if ('label' in request.device && !isHostRoot(root) && !options.labelInRoot) {
    throw new Error(
      `layout: device.label ${request.device.label} is not looked up when the target root is ${root} (it would pick a disk of the host); give device.path`,
    );
  }
  // The disk is looked up first, as yip does: a device that is not there is an error even
  // for a step with nothing to add or expand.
  const disk =
    'path' in request.device
      ? await diskFromPath(await resolveScriptDevice(request.device.path, { signal: ctx.signal }))
      : await diskFromLabel(request.device.label, { signal: ctx.signal });
  if (request.adds.length === 0 && request.expandMiB === undefined) {
    ctx.logger.log('debug', 'layout: no partition to add and nothing to expand');
    return;
  }
  await applyLayout(disk, request.adds, request.expandMiB, {
    signal: ctx.signal,
    log: (level, message) => ctx.logger.log(level, message),
    report: (error) => ctx.report(error),
  });
}

export { layoutPlugin, validateLayout };
export type { LayoutRequest, LayoutValue } from './validate.js';
