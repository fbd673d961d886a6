/** Mount points at or below a directory, read from the kernel's table for this process. */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';

/** `/proc/self/mounts` escapes spaces, tabs, newlines and backslashes as octal. */
function unescapeMountPath(field: string): string {
  return field.replace(/\\([0-7]{3})/g, (_, octal: string) => String.fromCharCode(Number.parseInt(octal, 8)));
}

export async function mountsUnder(dir: string): Promise<string[]> {
  const base = resolve(dir);
  let table: string;
  try {
    table = await readFile('/proc/self/mounts', 'utf8');
  } catch {
    return [];
  }
  const found: string[] = [];
  for (const line of table.split('\n')) {
    const field = line.split(' ')[1];
    if (!field) continue;
    const target = unescapeMountPath(field);
    if (target === base || target.startsWith(`${base}/`)) found.push(target);
  }
  return found;
}
