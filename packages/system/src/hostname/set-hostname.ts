/**
 * Giving a system a host name: the live name when the target root is the host, /etc/hostname and
 * the 127.0.0.1 line of /etc/hosts in the root. As yip does, each part is attempted whatever
 * happened to the others, and every failure is returned.
 */
import { isHostRoot } from '../root-path.js';
import { updateHostsFile, writeHostnameFile } from './files.js';
import { setLiveHostname } from './live.js';

export interface HostnameOptions {
  /** Environment of the `hostname` program, when the kernel's file cannot be written. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly signal?: AbortSignal;
}

export interface HostnameOutcome {
  /** Whether the running system's name was set (only ever on the host). */
  readonly live: boolean;
  /** Files written, as the root sees them. */
  readonly written: readonly string[];
  /** What failed, each naming its part; the other parts were done all the same. */
  readonly errors: readonly Error[];
}

/** Sets `name` (checked with `checkHostname` first) as the host name of `root`. */
export async function setHostname(root: string, name: string, options: HostnameOptions = {}): Promise<HostnameOutcome> {
  const written: string[] = [];
  const errors: Error[] = [];
  let live = false;
  if (isHostRoot(root)) {
    await setLiveHostname(name, options.env ?? {}, options.signal ?? new AbortController().signal).then(
      () => (live = true),
      (e: unknown) => errors.push(e as Error),
    );
  }
  for (const [path, write] of [
    ['/etc/hostname', writeHostnameFile],
    ['/etc/hosts', updateHostsFile],
  ] as const) {
    await write(root, name).then(
      (file) => written.push(file),
      (e: unknown) => errors.push(new Error(`${path}: ${(e as Error).message}`, { cause: e })),
    );
  }
  return { live, written, errors };
}
