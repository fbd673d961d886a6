/**
 * Plan mode of `layout`: what would be done to the disk, from the validated request, without
 * looking at or touching any device (partitioning is never simulated against a real disk).
 */
import type { ActionContext, Change } from '@yipts/core';
import { validateLayout } from './validate.js';
import type { LayoutValue } from './validate.js';

export function planLayout(value: LayoutValue, _ctx: ActionContext): Change[] {
  const request = validateLayout(value);
  if (!request) return [];
  const disk = 'path' in request.device ? request.device.path : `the disk labelled ${request.device.label}`;
  const changes: Change[] = request.adds.map((add) => ({
    kind: 'disk',
    action: 'add-partition',
    device: disk,
    detail: `${add.sizeMiB ? `${add.sizeMiB} MiB` : 'the rest of the disk'}, ${add.fs}${add.fsLabel ? `, label ${add.fsLabel}` : ''}`,
  }));
  if (request.expandMiB !== undefined) {
    changes.push({
      kind: 'disk',
      action: 'expand-partition',
      device: disk,
      detail: request.expandMiB ? `to ${request.expandMiB} MiB` : 'to the end of the disk',
    });
  }
  return changes;
}
