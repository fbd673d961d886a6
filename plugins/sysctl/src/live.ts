/** Writing a value to the running kernel, only ever when the target root is the host. */
import { access, writeFile } from 'node:fs/promises';
import { procPath } from './key.js';

export async function applyLive(key: string, value: string): Promise<void> {
  const path = procPath(key);
  try {
    await access(path);
  } catch {
    throw new Error(`sysctl ${key}: the running kernel has no ${path}`);
  }
  try {
    await writeFile(path, value);
  } catch (error) {
    throw new Error(`sysctl ${key}: cannot write ${JSON.stringify(value)} to ${path}: ${(error as Error).message}`, { cause: error });
  }
}
