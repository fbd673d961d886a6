/** Checks a `layout` value before any disk is looked at: a bad entry fails the step with nothing written. */
import { checkFsLabel, fsKind, gptTypeOf } from './filesystems.js';
import type { AddRequest } from './plan.js';

export interface LayoutValue {
  device?: { path?: string; label?: string };
  expand_partition?: { size?: number };
  add_partitions?: { fsLabel?: string; pLabel?: string; size?: number; filesystem?: string; bootable?: boolean }[];
}

export interface LayoutRequest {
  readonly device: { readonly path: string } | { readonly label: string };
  readonly adds: readonly AddRequest[];
  /** MiB, 0 = the rest; undefined: no expansion asked. */
  readonly expandMiB: number | undefined;
}

function sizeOf(value: number | undefined, what: string): number {
  const size = value ?? 0;
  if (!Number.isSafeInteger(size) || size < 0) throw new Error(`${what}: size must be a whole number of MiB, 0 or more (got ${value})`);
  return size;
}

/** undefined when there is no device at all (yip then does nothing). */
export function validateLayout(value: LayoutValue): LayoutRequest | undefined {
  const path = value.device?.path?.trim() ?? '';
  const label = value.device?.label?.trim() ?? '';
  if (!path && !label) return undefined;
  const errors: string[] = [];
  const adds: AddRequest[] = [];
  for (const [i, p] of (value.add_partitions ?? []).entries()) {
    const what = `add_partitions[${i}]${p.pLabel || p.fsLabel ? ` (${p.pLabel || p.fsLabel})` : ''}`;
    try {
      const fs = fsKind(p.filesystem);
      const fsLabel = p.fsLabel ?? '';
      const pLabel = p.pLabel ?? '';
      if (fsLabel) checkFsLabel(fs, fsLabel);
      // GPT names hold 36 UTF-16 code units.
      if (pLabel.length > 36) throw new Error(`pLabel ${JSON.stringify(pLabel)} is longer than the 36 characters a GPT name holds`);
      const { type, attrs } = gptTypeOf(fs, p.bootable ?? false);
      adds.push({ fsLabel, pLabel, sizeMiB: sizeOf(p.size, what), fs, type, attrs });
    } catch (error) {
      errors.push(`${what}: ${(error as Error).message}`);
    }
  }
  let expandMiB: number | undefined;
  if (value.expand_partition) {
    try {
      expandMiB = sizeOf(value.expand_partition.size, 'expand_partition');
    } catch (error) {
      errors.push((error as Error).message);
    }
  }
  if (errors.length > 0) throw new Error(`layout: ${errors.join('; ')}`);
  return { device: path ? { path } : { label }, adds, expandMiB };
}
