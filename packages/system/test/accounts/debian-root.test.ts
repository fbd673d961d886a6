/**
 * The account tables against the real files of a Debian root: read and written back byte for
 * byte, edited the way the users and entities plugins edit them, then checked with the root's
 * own tools (getent, pwck, grpck) and the hashes with openssl.
 */
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { accountFiles, editTable, findGroup, findUser, readTable, shadowPassword, withAccountLock } from '../../src/index.js';
import type { TableKind } from '../../src/index.js';
import { debianRoot, inRoot, run } from '@yipts/test-fixtures';
import type { TempRoot } from '@yipts/test-fixtures';

const KINDS: readonly TableKind[] = ['passwd', 'group', 'shadow', 'gshadow'];
let root: TempRoot;

test.before.each(async () => {
  root = await debianRoot();
});
test.after.each(async () => {
  await root.cleanup();
});

const inside = async (argv: string[]) => (await inRoot(root.path, argv, { mounts: false, allowFailure: true })).stdout;
const fileOf = (kind: TableKind) => join(root.path, 'etc', kind);
const modeOwner = async (path: string) => {
  const st = await stat(path);
  return `${(st.mode & 0o7777).toString(8)} ${st.uid}:${st.gid}`;
};

test('every Debian account file reads and prints back byte for byte; an edit that changes nothing writes nothing', async () => {
  const files = await accountFiles(root.path);
  for (const kind of KINDS) {
    const text = await readFile(fileOf(kind), 'utf8');
    const table = await readTable(files[kind]);
    assert.ok(table && table.entries().length > 10, `${kind} has the Debian entries`);
    assert.is(table!.toString(), text, kind);
    const before = await stat(fileOf(kind));
    assert.is(await editTable(files[kind], (t) => t.set(t.get('root')!)), false, `${kind}: root set to itself`);
    assert.is((await stat(fileOf(kind))).ino, before.ino, `${kind} not rewritten`);
  }
});

test("users and groups found by name and id are those the root's own getent knows", async () => {
  for (const line of (await inside(['getent', 'passwd'])).trim().split('\n')) {
    const [name, , uid, gid, , home] = line.split(':');
    assert.equal(await findUser(root.path, name!), { name: name!, id: Number(uid), gid: Number(gid), home: home! });
    assert.is((await findUser(root.path, uid!))?.id, Number(uid));
  }
  for (const line of (await inside(['getent', 'group'])).trim().split('\n')) {
    const [name, , gid] = line.split(':');
    assert.equal(await findGroup(root.path, name!), { name: name!, id: Number(gid) });
  }
});

test('an account added to all four files is valid for pwck and grpck, with a hash openssl agrees with', async () => {
  const files = await accountFiles(root.path);
  const shadowBefore = await modeOwner(fileOf('shadow'));
  await withAccountLock(root.path, async () => {
    await editTable(files.group, (t) => t.set(['tester', 'x', '4100', '']));
    await editTable(files.gshadow, (t) => t.set(['tester', '!', '', '']));
    await editTable(files.passwd, (t) => t.set(['tester', 'x', '4100', '4100', 'Test User', '/home/tester', '/bin/bash']));
    await editTable(files.shadow, (t) => t.set(['tester', shadowPassword('s3cret'), '19000', '0', '99999', '7', '', '', '']));
    await editTable(files.shadow, (t) => t.set(['root', shadowPassword('toor', t.get('root')![1]), ...t.get('root')!.slice(2)]));
  });
  assert.is(await inside(['getent', 'passwd', 'tester']), 'tester:x:4100:4100:Test User:/home/tester:/bin/bash\n');
  assert.is(await inside(['getent', 'group', 'tester']), 'tester:x:4100:\n');
  const pwck = await inRoot(root.path, ['pwck', '-r', '-q'], { mounts: false, allowFailure: true });
  // pwck complains about homes that do not exist (tester's, and some of Debian's system users): nothing else.
  assert.equal(
    pwck.stdout
      .concat(pwck.stderr)
      .split('\n')
      .filter((l) => l && !/directory .* does not exist/.test(l)),
    [],
  );
  const grpck = await inRoot(root.path, ['grpck', '-r'], { mounts: false, allowFailure: true });
  assert.is(grpck.code, 0, grpck.stdout + grpck.stderr);
  for (const [name, password] of [
    ['tester', 's3cret'],
    ['root', 'toor'],
  ] as const) {
    const hash = (await inside(['getent', 'shadow', name])).split(':')[1]!;
    const salt = hash.split('$')[2]!;
    assert.is((await run('openssl', ['passwd', '-6', '-salt', salt, password])).stdout.trim(), hash, name);
  }
  assert.is(await modeOwner(fileOf('shadow')), shadowBefore, '/etc/shadow keeps its mode and group');
  const again = (await readTable(files.shadow))!.get('root')![1]!;
  assert.is(shadowPassword('toor', again), again, 'the same password keeps the same hash');
});

test.run();
