/**
 * Running git for one `git` key: never interactive, never steered by a repository named in the
 * caller's environment, every command within what is left of the key's time limit, and a failure
 * reported with git's own words but without the configuration arguments that carry the auth
 * setup (they hold no secret, they are just noise).
 */
import { describeFailure, execArgv } from '@yipts/system';
import type { ExecResult } from '@yipts/system';
import type { GitTool } from './tool.js';

type Env = Readonly<Record<string, string | undefined>>;

/**
 * Variables that point git at some other repository or configuration (`git rev-parse
 * --local-env-vars`), and the prompt programs: a boot must never wait for a person.
 */
const DROPPED = [
  'GIT_ALTERNATE_OBJECT_DIRECTORIES',
  'GIT_CONFIG',
  'GIT_CONFIG_PARAMETERS',
  'GIT_CONFIG_COUNT',
  'GIT_OBJECT_DIRECTORY',
  'GIT_DIR',
  'GIT_WORK_TREE',
  'GIT_IMPLICIT_WORK_TREE',
  'GIT_GRAFT_FILE',
  'GIT_INDEX_FILE',
  'GIT_NO_REPLACE_OBJECTS',
  'GIT_REPLACE_REF_BASE',
  'GIT_PREFIX',
  'GIT_INTERNAL_SUPER_PREFIX',
  'GIT_SHALLOW_FILE',
  'GIT_COMMON_DIR',
  'GIT_ASKPASS',
  'SSH_ASKPASS',
];

export function gitEnvironment(base: Env, extra: Readonly<Record<string, string>>): Record<string, string | undefined> {
  const env: Record<string, string | undefined> = { ...base };
  for (const name of DROPPED) delete env[name];
  for (const name of Object.keys(env)) if (/^GIT_CONFIG_(KEY|VALUE)_\d+$/.test(name)) delete env[name];
  return {
    ...env,
    GIT_TERMINAL_PROMPT: '0',
    GCM_INTERACTIVE: 'never',
    // git's messages end up in errors the user reads; keep them in one language.
    LC_ALL: 'C',
    ...extra,
  };
}

/**
 * Settings for every command. An existing clone belongs to the image, and the host's git must not
 * run programs its configuration names (hooks, fsmonitor, askpass, ext:: transports, credential
 * helpers): the image's code would run on the host, outside the root. Credentials therefore come
 * only from `auth` or the URL, never from a helper configured anywhere.
 */
export const BASE_CONFIG: readonly string[] = [
  // Clones in an image may belong to any user; root works on them all.
  'safe.directory=*',
  'core.hooksPath=/dev/null',
  'core.fsmonitor=false',
  'core.askPass=',
  'protocol.ext.allow=never',
  'credential.helper=',
];

export interface GitSession {
  readonly tool: GitTool;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** `-c key=value` pairs for every command (credential helper, TLS check). */
  readonly config: readonly string[];
  /** Epoch milliseconds after which nothing more may run; undefined: no limit. */
  readonly deadline: number | undefined;
  readonly limitMs: number;
  readonly signal: AbortSignal;
}

export class GitCommandError extends Error {
  override name = 'GitCommandError';
  readonly code = 'git';
  constructor(
    message: string,
    readonly result: ExecResult | undefined,
  ) {
    super(message);
  }
}

export async function runGit(session: GitSession, args: readonly string[]): Promise<ExecResult> {
  const shown = `git ${args.join(' ')}`;
  if (session.signal.aborted) throw new GitCommandError(`\`${shown}\` not run: the run was interrupted`, undefined);
  const remaining = session.deadline === undefined ? undefined : session.deadline - Date.now();
  if (remaining !== undefined && remaining <= 0)
    throw new GitCommandError(`\`${shown}\` not run: the time limit of ${seconds(session.limitMs)} is used up`, undefined);
  const config = session.config.flatMap((pair) => ['-c', pair]);
  const result = await execArgv(
    [session.tool.program, ...config, ...args],
    {
      root: session.tool.execRoot,
      env: session.env,
      signal: session.signal,
      ...(remaining === undefined ? {} : { timeoutMs: remaining }),
    },
    shown,
  );
  if (result.exitCode === 0 && !result.timedOut && !result.signal) return result;
  const why = result.timedOut
    ? `timed out (the limit for the whole \`git\` key is ${seconds(session.limitMs)})`
    : session.signal.aborted
      ? 'was stopped: the run was interrupted'
      : describeFailure(result);
  const output = result.timedOut && result.output.trim() ? `; output:\n${result.output.trim()}` : '';
  throw new GitCommandError(`\`${shown}\` ${why}${output}`, result);
}

function seconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}
