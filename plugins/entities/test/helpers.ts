/** Running YAML through a real executor against a real root, and reading what it left. */
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { createExecutor } from '@yipts/core';
import type { Logger, LogLevel, Plugin, RunResult, StepResult } from '@yipts/core';
import { run } from '../../../test/fixtures/index.js';

export interface LogRecord {
  readonly level: LogLevel;
  readonly message: string;
}

export async function runYaml(plugins: Plugin[], root: string, yaml: string, stage = 'boot'): Promise<{ result: RunResult; steps: StepResult[]; logs: LogRecord[]; errors: string[] }> {
  const logs: LogRecord[] = [];
  const logger: Logger = { log: (level, message) => void logs.push({ level, message }) };
  const executor = createExecutor({ plugins, logger });
  const result = await executor.runStage(stage, [{ kind: 'inline', name: 'test.yaml', text: yaml }], { root, env: { PATH: process.env.PATH } });
  const steps = result.stages.flatMap((s) => s.steps);
  return { result, steps, logs, errors: steps.flatMap((s) => s.errors.map((e) => e.message)) };
}

export const readIn = (root: string, path: string) => readFile(join(root, path), 'utf8');

/** The line of `name` in an account file of the root. */
export async function lineOf(root: string, file: string, name: string): Promise<string | undefined> {
  return (await readIn(root, file)).split('\n').find((l) => l.split(':')[0] === name);
}

export async function modeOwner(path: string): Promise<string> {
  const st = await stat(path);
  return `${(st.mode & 0o7777).toString(8)} ${st.uid}:${st.gid}`;
}

/** `openssl passwd -6 -salt SALT PASSWORD` on the host: an independent check of a `$6$` hash. */
export async function opensslHash(password: string, hash: string): Promise<string> {
  const salt = hash.split('$')[2] ?? '';
  return (await run('openssl', ['passwd', '-6', '-salt', salt, password])).stdout.trim();
}
