/**
 * Finding a partition by its filesystem label. Without udev there is no /dev/disk/by-label, so
 * blkid probes the block devices itself; its cache is bypassed because a stale entry (a loop
 * device detached since) would name a device that no longer holds the label.
 */
import { kernelParameter, readKernelCmdline } from '@yipts/system';
import type { NormalizedOptions } from './options.js';
import { runTool } from './tools.js';

export interface LabelLookup {
  /** The device holding the label, or undefined when none does. */
  readonly device: string | undefined;
  /** Where the answer came from, for the log. */
  readonly via: string;
  /** Other devices that carry the same label (ignored). */
  readonly others: readonly string[];
}

export interface LabelSource {
  find(label: string): Promise<LabelLookup>;
}

export function labelSource(options: NormalizedOptions): LabelSource {
  return {
    async find(label) {
      const given = options.devices.get(label);
      if (given !== undefined) return { device: given, via: 'the devices option', others: [] };
      return blkidFind(options.blkid, label);
    },
  };
}

async function blkidFind(blkid: string, label: string): Promise<LabelLookup> {
  // `-o device -t LABEL=x` lists every match where `-L` names one, so a clash can be reported.
  const result = await runTool([blkid, '-c', '/dev/null', '-o', 'device', '-t', `LABEL=${label}`]);
  // blkid exits 2 when nothing matches; anything else non-zero is a real failure.
  if (result.exitCode === 2 && !result.stdout.trim()) return { device: undefined, via: blkid, others: [] };
  if (result.exitCode !== 0)
    throw new Error(
      `cannot look up label ${label}: \`${blkid}\` exited with status ${result.exitCode}${result.stderr.trim() ? `: ${result.stderr.trim()}` : ''}`,
    );
  const devices = [
    ...new Set(
      result.stdout
        .split('\n')
        .map((l) => l.trim())
        .filter(Boolean),
    ),
  ];
  return { device: devices[0], via: blkid, others: devices.slice(1) };
}

/** The OEM label named on the kernel command line (Elemental's and cOS's spelling), if any. */
export async function oemLabelFromCmdline(path: string | false): Promise<string | undefined> {
  return kernelParameter(await readKernelCmdline(path), 'elemental.oemlabel', 'rd.cos.oemlabel') || undefined;
}
