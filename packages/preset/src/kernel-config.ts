/**
 * The kernel command line as a config source of run-stage: `cos.setup=URI` and
 * `elemental.setup=URI` name a config to read, and `stages.…=…` parameters are dot notation.
 * Other parameters (root=, console=, …) are not config and are left out rather than warned about.
 */
import { readKernelCmdline } from '@yipts/system';
import type { KernelParameter } from '@yipts/system';

export interface KernelConfig {
  readonly setupUris: readonly string[];
  /** The dot-notation parameters, each quoted for the dot-notation reader; empty when there are none. */
  readonly dotNotation: string;
}

const SETUP_KEYS = ['cos.setup', 'elemental.setup'];

export async function readKernelConfig(path: string | false | undefined): Promise<KernelConfig> {
  return kernelConfig(await readKernelCmdline(path));
}

export function kernelConfig(params: readonly KernelParameter[]): KernelConfig {
  const setupUris: string[] = [];
  const tokens: string[] = [];
  for (const { key, value } of params) {
    if (SETUP_KEYS.includes(key)) {
      if (value !== undefined) setupUris.push(value);
    } else if (key === 'name' || key.startsWith('stages.')) {
      // A bare `stages.x[0].datasource` is passed on too: the reader reports it at its place.
      tokens.push(quote(value === undefined ? key : `${key}=${value}`));
    }
  }
  return { setupUris, dotNotation: tokens.join(' ') };
}

function quote(token: string): string {
  return `'${token.replace(/'/g, `'\\''`)}'`;
}
