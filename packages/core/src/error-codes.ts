/**
 * The stable codes of every error and warning the engine produces. They are part of the public
 * contract (tests, CI linting and log processors match on them), so a code is never renamed;
 * the README's Errors section lists the same table.
 */
export const ERROR_CODES = {
  // Reading a source.
  source: 'the source cannot be read: no such file, permission denied, HTTP error, binary data',
  yaml: 'the text is not valid YAML, or uses YAML the engine refuses (an alias to its own container)',
  'template-key': 'an unquoted `{{ … }}` template was read as a YAML mapping',
  'multi-document': 'a stream of several YAML documents: only the first is used',
  'duplicate-key': 'a key written twice in one mapping (an error unless the first is empty)',
  'dot-notation': 'a kernel command line setting that is not `path=value`',
  empty: 'the file has no configuration',
  'no-stages': 'the file has no `stages:` key, so it defines no steps',
  // Limits on inputs.
  'limit-size': 'the file is larger than the engine accepts',
  'limit-depth': 'values nest deeper than the engine accepts',
  'limit-aliases': 'aliases expand the document beyond the number of values the engine accepts',
  'limit-string': 'one string is longer than the engine accepts',
  'limit-steps': 'a stage of one file has more steps than the engine accepts',
  // Validation of steps.
  type: 'a value has the wrong type for its key',
  required: 'a required key is missing',
  'unknown-key': 'a key nobody handles is ignored; the nearest known key is suggested',
  'unhandled-key': 'a key of yip that no plugin of this executor handles is ignored',
  'mode-decimal': 'a file mode written without its leading 0 is read as decimal, as yip does',
  // Planning.
  'duplicate-id': 'two steps with the same id: the later one is suffixed `#2`, `#3`…',
  after: '`after` names no step of the stage',
  cycle: 'steps wait for each other in a cycle: none of them runs',
  // Running.
  error: 'an error with no more specific code',
  plugin: 'a plugin failed (thrown or reported); `cause` holds the original error',
  interrupted: 'the run was stopped by a signal',
  composition: 'the plugins of an executor do not fit together',
  'plugin-options': 'a plugin was given options it cannot use',
  'root-escape': 'a path would leave the target root (through `..` or a symlink)',
  'template-syntax': 'a Go template does not parse',
  'template-exec': 'a Go template failed while rendering',
  http: 'an HTTP exchange failed: network, time limit, a cut transfer',
  'http-status': 'a server answered with an error status',
  registry: 'a container registry refused or failed a request',
  git: 'a git command failed',
  tool: 'a system tool (mount, sgdisk, mkfs…) failed',
  'not-available': 'a datasource provider is not available on this machine',
  // The command line.
  usage: 'the command line is wrong (exit status 2)',
  config: 'the executor configuration cannot be read or is invalid',
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

/** A code of this table, or any other string (a plugin's own code, a system error's `ENOENT`). */
export type AnyErrorCode = ErrorCode | (string & {});

export function isKnownCode(code: string): code is ErrorCode {
  return Object.hasOwn(ERROR_CODES, code);
}
