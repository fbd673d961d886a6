/**
 * The command line that starts this same program again (node, its flags, the script), to which
 * the arguments are appended when a plugin re-runs the command elsewhere (a private mount namespace).
 */
export function selfArgv(): readonly string[] {
  return [process.execPath, ...process.execArgv, process.argv[1] ?? ''];
}
