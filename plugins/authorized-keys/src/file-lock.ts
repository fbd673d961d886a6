/**
 * Two steps running at the same time may add keys to the same file (a `users` entry with
 * ssh_authorized_keys and an `authorized_keys` step); each would read the file and write it
 * back with only its own keys added. Writes of one file are therefore taken one at a time.
 */
const tails = new Map<string, Promise<unknown>>();

export async function withFileLock<T>(path: string, work: () => Promise<T>): Promise<T> {
  const result = (tails.get(path) ?? Promise.resolve()).then(work, work);
  const tail = result.catch(() => undefined);
  tails.set(path, tail);
  try {
    return await result;
  } finally {
    if (tails.get(path) === tail) tails.delete(path);
  }
}
