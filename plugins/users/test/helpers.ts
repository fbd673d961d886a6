/** Running config files through a real executor against a real root, and reading what it left. */
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { createExecutor } from '@yipts/core';
import type { Logger, LogLevel, Plugin, RunResult, SourceInput, StepResult } from '@yipts/core';
import { inRoot, run } from '@yipts/test-fixtures';

export interface LogRecord {
  readonly level: LogLevel;
  readonly message: string;
}

export interface YamlRun {
  readonly result: RunResult;
  readonly steps: StepResult[];
  readonly logs: LogRecord[];
  readonly errors: string[];
}

export async function runSources(
  plugins: Plugin[],
  root: string,
  sources: SourceInput[],
  stage: string,
  env: Record<string, string> = {},
): Promise<YamlRun> {
  const logs: LogRecord[] = [];
  const logger: Logger = { log: (level, message) => void logs.push({ level, message }) };
  const executor = createExecutor({ plugins, logger });
  const result = await executor.runStage(stage, sources, { root, env: { PATH: process.env.PATH, ...env } });
  const steps = result.stages.flatMap((s) => s.steps);
  return { result, steps, logs, errors: [...result.errors.map((e) => e.message), ...steps.flatMap((s) => s.errors.map((e) => e.message))] };
}

export const readIn = (root: string, path: string) => readFile(join(root, path), 'utf8');

/** The fields of `name`'s line in an account file of the root. */
export async function fieldsOf(root: string, file: string, name: string): Promise<string[] | undefined> {
  return (await readIn(root, file))
    .split('\n')
    .find((l) => l.split(':')[0] === name)
    ?.split(':');
}

export async function modeOwner(path: string): Promise<string> {
  const st = await stat(path);
  return `${(st.mode & 0o7777).toString(8)} ${st.uid}:${st.gid}`;
}

/** A command of the root itself (id, getent, passwd -S), plain chroot. */
export async function inside(root: string, argv: string[]): Promise<string> {
  return (await inRoot(root, argv, { mounts: false, allowFailure: true })).stdout.trim();
}

/** `openssl passwd -6 -salt SALT PASSWORD` on the host: an independent check of a `$6$` hash. */
export async function opensslHash(password: string, hash: string): Promise<string> {
  const salt = hash.replace(/^!+/, '').split('$')[2] ?? '';
  return (await run('openssl', ['passwd', '-6', '-salt', salt, password])).stdout.trim();
}
