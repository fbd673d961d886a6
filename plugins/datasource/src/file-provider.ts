/** `file`: the user data is the file at the step's `path` (read inside the target root). */
import { readFile } from 'node:fs/promises';
import { resolveInRoot } from '@yipts/system';
import { NotAvailable } from './provider.js';
import type { ProviderResult } from './provider.js';

export async function readFileProvider(root: string, path: string): Promise<ProviderResult> {
  const host = await resolveInRoot(root, path);
  const data = await readFile(host).catch((e: NodeJS.ErrnoException) => {
    throw new NotAvailable(`file ${path}: ${e.code ?? e.message}`);
  });
  return { name: `file(${path})`, userdata: data.length ? data : undefined, metadata: [], sshKeys: [], fromFile: true };
}
