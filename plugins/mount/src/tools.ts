/**
 * The host tools the plugin drives (mount, umount, blkid, sync from util-linux and coreutils),
 * always run on the host, never inside the root: the root's own binaries are not trusted and
 * may not even run on this machine.
 */
import { describeFailure, execArgv, STANDARD_PATH } from '@yipts/system';
import type { ExecResult } from '@yipts/system';

// Messages in English whatever the locale, so that "target is busy" can be recognized.
const TOOL_ENV = { PATH: process.env.PATH || STANDARD_PATH, LC_ALL: 'C' };

/** A mount or umount that hangs (a dead device) must not hang the upgrade for ever. */
const TOOL_TIMEOUT_MS = 120_000;

export function runTool(argv: readonly string[], timeoutMs = TOOL_TIMEOUT_MS): Promise<ExecResult> {
  return execArgv(argv, { root: '/', env: TOOL_ENV, timeoutMs });
}

export class ToolError extends Error {
  override name = 'ToolError';
  readonly code = 'tool';
  constructor(
    message: string,
    readonly result: ExecResult,
  ) {
    super(message);
  }

  get busy(): boolean {
    return /busy/i.test(this.result.output);
  }
}

/** Runs a tool and throws `what` with the tool's own explanation when it fails. */
export async function mustRun(argv: readonly string[], what: string): Promise<ExecResult> {
  const result = await runTool(argv);
  if (result.exitCode !== 0 || result.timedOut) throw new ToolError(`${what}: \`${argv.join(' ')}\` ${describeFailure(result)}`, result);
  return result;
}
