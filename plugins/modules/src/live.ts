/**
 * Loading a module into the running kernel, only ever when the target root is the host: skipped
 * when /proc/modules lists it or /sys/module has it (built in), else `modprobe name params…`.
 */
import { describeFailure, execArgv, findExecutable } from '@yipts/system';
import { access, readFile } from 'node:fs/promises';
import type { ModuleSpec } from './spec.js';
import { canonicalName } from './spec.js';

export interface LiveOptions {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly signal: AbortSignal;
  readonly timeoutMs?: number;
}

/** Names in /proc/modules; empty when the kernel has no module support. */
export async function loadedModules(): Promise<Set<string>> {
  const text = await readFile('/proc/modules', 'utf8').catch(() => '');
  return new Set(
    text
      .split('\n')
      .map((l) => l.split(' ', 1)[0] ?? '')
      .filter((n) => n !== '')
      .map(canonicalName),
  );
}

export async function isLoaded(name: string, loaded: ReadonlySet<string>): Promise<boolean> {
  const canonical = canonicalName(name);
  if (loaded.has(canonical)) return true;
  return access(`/sys/module/${canonical}`).then(
    () => true,
    () => false,
  );
}

export async function loadModule(spec: ModuleSpec, options: LiveOptions): Promise<void> {
  const modprobe = await findExecutable('/', 'modprobe', options.env);
  if (!modprobe) throw new Error(`module ${spec.name}: modprobe is not installed on this system (package kmod)`);
  const result = await execArgv([modprobe, spec.name, ...spec.params], {
    root: '/',
    env: options.env,
    signal: options.signal,
    ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
  });
  if (result.exitCode !== 0 || result.timedOut) throw new Error(`module ${spec.name}: \`${result.command}\` ${describeFailure(result)}`);
}
