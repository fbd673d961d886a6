/**
 * The kernel command line, split the way yip reads /proc/cmdline: parameters are separated by
 * blanks, and a part in double or single quotes may hold blanks, its quotes dropped
 * (`a="b c"` and `stages.x[0].commands[0]='echo a b'` each give one parameter). Inside one kind of
 * quote the other is an ordinary character (`it"s'` stays). The kernel itself knows only double
 * quotes; single quotes are honoured as well because dot-notation commands on the command line
 * are written with them, and yip reads them so. One reader for every party: run-stage takes its
 * config from it, the mount plugin the OEM partition's label.
 */
import { readFile } from 'node:fs/promises';

export interface KernelParameter {
  readonly key: string;
  /** `undefined` for a bare flag such as `quiet`. */
  readonly value: string | undefined;
}

export const PROC_CMDLINE = '/proc/cmdline';

export function parseKernelCmdline(text: string): KernelParameter[] {
  const out: KernelParameter[] = [];
  let i = 0;
  while (i < text.length) {
    while (i < text.length && /\s/.test(text[i]!)) i++;
    if (i >= text.length) break;
    let token = '';
    let quote: string | undefined;
    for (; i < text.length && (quote !== undefined || !/\s/.test(text[i]!)); i++) {
      const c = text[i]!;
      if (quote === undefined && (c === '"' || c === "'")) quote = c;
      else if (c === quote) quote = undefined;
      else token += c;
    }
    const eq = token.indexOf('=');
    out.push(eq === -1 ? { key: token, value: undefined } : { key: token.slice(0, eq), value: token.slice(eq + 1) });
  }
  return out;
}

/** The parameters in the file (default /proc/cmdline); none when it is `false` or unreadable. */
export async function readKernelCmdline(path: string | false = PROC_CMDLINE): Promise<KernelParameter[]> {
  if (path === false) return [];
  try {
    return parseKernelCmdline(await readFile(path, 'utf8'));
  } catch {
    return [];
  }
}

/** The value of the last of the keys given (the last one wins, as with the kernel's own parameters). */
export function kernelParameter(params: readonly KernelParameter[], ...keys: readonly string[]): string | undefined {
  let found: string | undefined;
  for (const p of params) if (keys.includes(p.key) && p.value !== undefined) found = p.value;
  return found;
}
