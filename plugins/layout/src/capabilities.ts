/** Capabilities of this process, for operations the kernel gates on one (online ext4 growth needs CAP_SYS_RESOURCE). */
import { readFile } from 'node:fs/promises';

export const CAP_SYS_RESOURCE = 24;

export async function hasCapability(bit: number): Promise<boolean> {
  const status = await readFile('/proc/self/status', 'utf8').catch(() => '');
  const hex = /^CapEff:\s*([0-9a-f]+)$/m.exec(status)?.[1];
  if (!hex) return true;
  return ((BigInt(`0x${hex}`) >> BigInt(bit)) & 1n) === 1n;
}
