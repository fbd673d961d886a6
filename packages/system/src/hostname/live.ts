/**
 * Setting the running system's host name: through /proc/sys/kernel/hostname (what
 * sethostname(2) changes), else with the `hostname` program. Only ever called when the target
 * root is the host.
 */
import { describeFailure, execArgv } from '../exec.js';
import { writeFile } from 'node:fs/promises';

export const PROC_HOSTNAME = '/proc/sys/kernel/hostname';

export async function setLiveHostname(name: string, env: Readonly<Record<string, string | undefined>>, signal: AbortSignal): Promise<void> {
  try {
    await writeFile(PROC_HOSTNAME, name);
    return;
  } catch (procError) {
    const result = await execArgv(['hostname', name], { root: '/', env, signal, timeoutMs: 30_000 });
    if (result.exitCode === 0) return;
    throw new Error(
      `cannot set the live host name: ${PROC_HOSTNAME}: ${(procError as Error).message}; \`hostname ${name}\` ${describeFailure(result)}`,
    );
  }
}
