/**
 * The kernel command line as a config source for run-stage: `cos.setup=URI` /
 * `elemental.setup=URI` name a config to fetch, and `stages.…=…` tokens are dot notation.
 * Other tokens (root=, console=, …) are not config and are left out instead of warned about.
 */
import { readFile } from 'node:fs/promises';
import { shellSplit } from '@yipts/core';

export interface KernelCmdline {
  readonly setupUris: string[];
  /** Only the dot-notation tokens that configure stages, re-joined for the dot-notation reader. */
  readonly dotNotation: string;
}

const SETUP_KEYS = ['cos.setup', 'elemental.setup'];

export async function readCmdline(path: string): Promise<KernelCmdline> {
  let text = '';
  try {
    text = await readFile(path, 'utf8');
  } catch {
    return { setupUris: [], dotNotation: '' };
  }
  return parseCmdline(text);
}

export function parseCmdline(text: string): KernelCmdline {
  const setupUris: string[] = [];
  const tokens: string[] = [];
  for (const token of shellSplit(text)) {
    const eq = token.indexOf('=');
    const key = eq === -1 ? token : token.slice(0, eq);
    if (SETUP_KEYS.includes(key) && eq !== -1) setupUris.push(token.slice(eq + 1));
    else if (key === 'name' || key.startsWith('stages.')) tokens.push(token);
  }
  return { setupUris, dotNotation: tokens.map(quoteToken).join(' ') };
}

function quoteToken(token: string): string {
  return `'${token.replace(/'/g, `'\\''`)}'`;
}
