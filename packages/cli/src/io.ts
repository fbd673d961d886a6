/** Where the command line writes, what environment it reads, and how it starts itself again. */
import { selfArgv } from './self-argv.js';

export interface CliIO {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly env: Record<string, string | undefined>;
  /** Prepended to the arguments to run this same command again. */
  readonly argv0: readonly string[];
  readonly cwd: string;
}

export function processIO(): CliIO {
  return {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    env: process.env,
    argv0: selfArgv(),
    cwd: process.cwd(),
  };
}
