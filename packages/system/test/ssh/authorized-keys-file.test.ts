/** Key lines, and adding keys to a user's authorized_keys inside a root, on a real filesystem. */
import { lstat, mkdir, readFile, stat, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { addAuthorizedKeys, authorizedKeysOwner, keyIdentity, keyLines, mergeKeys } from '../../src/index.js';
import { tempDirs } from '../helpers.js';

const tmp = tempDirs();
test.after(tmp.cleanup);

const KEY_A = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAliceAliceAliceAliceAliceAliceAliceAlice';
const KEY_B = 'ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQCaliceSecondKeyaliceSecondKeyaliceSecondKey';

async function makeRoot(): Promise<string> {
  const root = await tmp.make('yipts-keys-');
  await mkdir(join(root, 'etc'));
  await mkdir(join(root, 'home/alice'), { recursive: true });
  await writeFile(
    join(root, 'etc/passwd'),
    'root:x:0:0::/root:/bin/sh\nalice:x:4321:4322::/home/alice:/bin/sh\nnohome:x:4323:4323::/home/nohome:/bin/sh\n',
  );
  return root;
}

/** The message `work` fails with; a failure of the test when it does not fail. */
async function failure(work: () => Promise<unknown>): Promise<string> {
  try {
    await work();
  } catch (error) {
    return (error as Error).message;
  }
  return assert.unreachable('expected a failure') as never;
}

const modeOwner = async (path: string) => {
  const st = await stat(path);
  return `${(st.mode & 0o7777).toString(8)} ${st.uid}:${st.gid}`;
};

test('key lines: blanks and comments dropped; one key whatever its options and comment', () => {
  assert.equal(keyLines(`# mine\n\n  ${KEY_A} a  \r\n${KEY_B}\n`), [`${KEY_A} a`, KEY_B]);
  assert.is(keyIdentity(`no-pty,command="echo hi there" ${KEY_A} c`), KEY_A);
  assert.is(keyIdentity('not a key'), 'not a key');
  assert.is(mergeKeys(`${KEY_A}`, [`${KEY_A} x`]), null);
  assert.equal(mergeKeys(`${KEY_A}`, [KEY_B, KEY_B]), { text: `${KEY_A}\n${KEY_B}\n`, count: 1 });
});

test("keys go to the root's user: ~/.ssh 0700 and the file 0600, owned by the uid of the root's passwd", async () => {
  const root = await makeRoot();
  const owner = await authorizedKeysOwner(root, 'alice');
  assert.equal(owner, { root, user: 'alice', uid: 4321, gid: 4322, home: '/home/alice', file: '/home/alice/.ssh/authorized_keys' });
  assert.is(await addAuthorizedKeys(owner, [KEY_A, KEY_B]), 2);
  assert.is(await addAuthorizedKeys(owner, [`${KEY_A} again`]), 0, 'a key already there is not added twice');
  assert.is(await readFile(join(root, 'home/alice/.ssh/authorized_keys'), 'utf8'), `${KEY_A}\n${KEY_B}\n`);
  assert.is(await modeOwner(join(root, 'home/alice/.ssh')), '700 4321:4322');
  assert.is(await modeOwner(join(root, 'home/alice/.ssh/authorized_keys')), '600 4321:4322');
});

test('an unknown user, a missing home and a linked ~/.ssh are errors naming them', async () => {
  const root = await makeRoot();
  assert.match(await failure(() => authorizedKeysOwner(root, 'ghost')), /user `ghost` does not exist in \/etc\/passwd in /);
  assert.match(await failure(() => authorizedKeysOwner(root, 'alic')), /`alic` does not exist/);
  assert.match(
    await failure(async () => addAuthorizedKeys(await authorizedKeysOwner(root, 'nohome'), [KEY_A])),
    /home directory \/home\/nohome does not exist/,
  );
  await symlink('/tmp', join(root, 'home/alice/.ssh'));
  assert.match(
    await failure(async () => addAuthorizedKeys(await authorizedKeysOwner(root, 'alice'), [KEY_A])),
    /\/home\/alice\/\.ssh is a symbolic link/,
  );
  assert.ok((await lstat(join(root, 'home/alice/.ssh'))).isSymbolicLink(), 'the link is left as it was');
});

test('concurrent additions to one file keep every key', async () => {
  const root = await makeRoot();
  const owner = await authorizedKeysOwner(root, 'alice');
  const keys = Array.from({ length: 8 }, (_, i) => `ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI${'k'.repeat(20)}${i}`);
  await Promise.all(keys.map((k) => addAuthorizedKeys(owner, [k])));
  assert.equal(keyLines(await readFile(join(root, 'home/alice/.ssh/authorized_keys'), 'utf8')).sort(), keys.sort());
});

test.run();
