/**
 * The command line that starts this same program again, to which the arguments are appended when
 * a plugin re-runs the command elsewhere (a private mount namespace). Under plain node it is node,
 * its flags and the script; a single executable is its own program, and there process.argv[1] is
 * the executable again, never a script: passing it on would turn it into a SOURCE.
 */
import { isSea } from 'node:sea';

export function selfArgv(): readonly string[] {
  if (isSea()) return [process.execPath];
  return [process.execPath, ...process.execArgv, process.argv[1] ?? ''];
}
