/** Reading what a run left in a root: account file lines, modes and owners, hashes checked by openssl. */
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { run } from '@yipts/test-fixtures';

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
