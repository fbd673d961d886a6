/** Finding a program on the host the way a shell would, so that a missing one gets a clear error. */
import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { join } from 'node:path';

const FALLBACK_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

export async function findExecutable(name: string, pathVariable: string | undefined): Promise<string | undefined> {
  for (const dir of (pathVariable || FALLBACK_PATH).split(':')) {
    if (!dir) continue;
    const candidate = join(dir, name);
    try {
      if (!(await stat(candidate)).isFile()) continue;
      await access(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}
