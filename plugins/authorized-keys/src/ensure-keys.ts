/**
 * One user's entry of `authorized_keys`: its keys are gathered (literal, or fetched from a forge
 * or a URL), then added to the user's file by `@yipts/system`. A key that cannot be fetched is
 * an error, but the keys that could be are written all the same.
 */
import { addAuthorizedKeys, authorizedKeysOwner, keyLines } from '@yipts/system';
import { fetchKeys } from './fetch-keys.js';
import { keySource } from './key-source.js';
import type { AuthorizedKeysOptions } from './options.js';

export interface KeysTarget {
  readonly root: string;
  readonly signal?: AbortSignal;
  /** Told what was added, for the step's log. */
  readonly note?: (message: string) => void;
}

/** Every key line of the entries, in order; entries that fail are collected as errors. */
async function resolveKeys(
  keys: readonly string[],
  options: AuthorizedKeysOptions,
  signal: AbortSignal | undefined,
): Promise<{ lines: string[]; errors: Error[] }> {
  const results = await Promise.allSettled(
    keys.map(async (entry) => {
      const source = keySource(entry, options);
      if (source.kind === 'literal') return keyLines(source.text);
      const lines = keyLines(await fetchKeys(source.url, source.label, options, signal));
      if (!lines.length) throw new Error(`${source.label} published no keys`);
      return lines;
    }),
  );
  const lines: string[] = [];
  const errors: Error[] = [];
  for (const r of results) {
    if (r.status === 'fulfilled') lines.push(...r.value);
    else errors.push(r.reason instanceof Error ? r.reason : new Error(String(r.reason)));
  }
  return { lines, errors };
}

export async function ensureAuthorizedKeys(
  userName: string,
  keys: readonly string[],
  target: KeysTarget,
  options: AuthorizedKeysOptions = {},
): Promise<void> {
  // The account first: keys of a user the root does not have are not even fetched.
  const owner = await authorizedKeysOwner(target.root, userName).catch((e: Error) => {
    throw new Error(`authorized_keys: ${e.message}`, { cause: e });
  });
  const { lines, errors } = await resolveKeys(keys, options, target.signal);
  try {
    const added = await addAuthorizedKeys(owner, lines);
    if (added) target.note?.(`${added} key(s) added to ${owner.file} of ${userName}`);
  } catch (error) {
    errors.push(error as Error);
  }
  if (errors.length) {
    const each = errors.map((e) => new Error(`authorized_keys of ${userName}: ${e.message}`, { cause: e }));
    throw new AggregateError(each, `authorized_keys of ${userName}`);
  }
}
