/**
 * The command that starts this very program again, without its arguments: what the mount
 * plugin's isolation re-runs inside a private mount namespace. Under plain node it is node, its
 * flags and the script; a single executable is its own program, and there process.argv[1] is
 * the executable again, never a script, so passing it on would turn it into a SOURCE.
 */
import { isSea } from 'node:sea';

export function selfCommand(): string[] {
  if (isSea()) return [process.execPath];
  return [process.execPath, ...process.execArgv, process.argv[1] ?? ''];
}
