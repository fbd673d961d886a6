/**
 * Host programs the layout action runs. Disks belong to the host, so they always run on the host
 * (never chrooted into the target root: the image may lack them), with a C locale so their output
 * and errors read the same everywhere.
 */
import { describeFailure, execArgv } from '@yipts/system';
import type { ExecResult } from '@yipts/system';

export interface ToolOptions {
  readonly signal?: AbortSignal | undefined;
  readonly input?: string;
  readonly timeoutMs?: number | undefined;
}

export class ToolError extends Error {
  readonly code = 'tool';
  constructor(
    message: string,
    readonly result: ExecResult,
  ) {
    super(message);
    this.name = 'ToolError';
  }
}

function hostEnv(): Record<string, string | undefined> {
  return { ...process.env, LC_ALL: 'C', LANG: 'C' };
}

/** Runs argv on the host; a non-zero exit becomes an error quoting the command and its output. */
export async function tool(argv: readonly string[], options: ToolOptions = {}): Promise<ExecResult> {
  const result = await toolResult(argv, options);
  if (result.exitCode !== 0) throw new ToolError(`${argv.join(' ')} ${describeFailure(result)}`, result);
  return result;
}

/** Runs argv on the host and hands back the result whatever the exit status. */
export async function toolResult(argv: readonly string[], options: ToolOptions = {}): Promise<ExecResult> {
  return execArgv(argv, {
    root: '/',
    env: hostEnv(),
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.input !== undefined ? { input: options.input } : {}),
    ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
  });
}
