/**
 * The kernel command line, split as the kernel splits it (lib/cmdline.c `next_arg`): parameters
 * are separated by blanks, a double-quoted part may hold blanks, and the quotes are dropped
 * (`a="b c"` is `a` = `b c`). Single quotes mean nothing to the kernel. One reader for every
 * party: run-stage takes its config from it, the mount plugin the OEM partition's label.
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
    let quoted = false;
    for (; i < text.length && (quoted || !/\s/.test(text[i]!)); i++) {
      if (text[i] === '"') quoted = !quoted;
      else token += text[i];
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
