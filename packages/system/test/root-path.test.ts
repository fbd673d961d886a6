/** Paths inside a target root resolve as chroot(2) would: no link and no `..` ever leaves the root. */
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { insideRoot, isHostRoot, resolveInRoot, RootEscapeError } from '../src/index.js';
import { tempDirs } from './helpers.js';

const tmp = tempDirs();
test.after(tmp.cleanup);

/** A root with the links images really contain, and a few hostile ones. */
async function makeRoot(): Promise<string> {
  const root = await tmp.make('yipts-root-');
  await mkdir(join(root, 'etc'), { recursive: true });
  await mkdir(join(root, 'usr/lib'), { recursive: true });
  await mkdir(join(root, 'a/b/c'), { recursive: true });
  await writeFile(join(root, 'usr/lib/os-release'), 'ID=test\n');
  await symlink('/etc', join(root, 'etcabs')); // absolute: must mean the root's /etc
  await symlink('../../..', join(root, 'a/b/up')); // climbs above the root
  await symlink('../../../../../../../../etc', join(root, 'a/b/c/deep'));
  await symlink('../usr/lib/os-release', join(root, 'etc/os-release'));
  await symlink('loop2', join(root, 'loop1'));
  await symlink('loop1', join(root, 'loop2'));
  await symlink('self', join(root, 'self'));
  await symlink('/a/b', join(root, 'ab'));
  await symlink('ab', join(root, 'chain'));
  return root;
}

test('the host root resolves paths as they are', async () => {
  assert.is(await resolveInRoot('/', '/etc/passwd'), '/etc/passwd');
  assert.is(await resolveInRoot('/', 'etc/../etc/./passwd'), '/etc/passwd');
  assert.ok(isHostRoot('/'));
  assert.ok(isHostRoot('//'));
  assert.ok(isHostRoot('/tmp/..'));
  assert.not.ok(isHostRoot('/tmp'));
});

test('plain paths, existing or not, land under the root', async () => {
  const root = await makeRoot();
  assert.is(await resolveInRoot(root, '/etc/hostname'), join(root, 'etc/hostname'));
  assert.is(await resolveInRoot(root, 'etc/hostname'), join(root, 'etc/hostname'), 'relative means from /');
  assert.is(await resolveInRoot(root, '/new/dir/file'), join(root, 'new/dir/file'));
  assert.is(await resolveInRoot(root, '/'), root);
  assert.is(await resolveInRoot(root, ''), root);
  assert.is(await resolveInRoot(`${root}/`, '/etc'), join(root, 'etc'));
});

test("an absolute symlink to /etc inside the root means the root's /etc", async () => {
  const root = await makeRoot();
  assert.is(await resolveInRoot(root, '/etcabs/passwd'), join(root, 'etc/passwd'));
  assert.is(await resolveInRoot(root, '/etcabs'), join(root, 'etc'));
});

test('a relative link climbing above the root stops at the root', async () => {
  const root = await makeRoot();
  assert.is(await resolveInRoot(root, '/a/b/up/etc/shadow'), join(root, 'etc/shadow'));
  assert.is(await resolveInRoot(root, '/a/b/c/deep/shadow'), join(root, 'etc/shadow'));
});

test('`..` in the path never climbs above the root', async () => {
  const root = await makeRoot();
  assert.is(await resolveInRoot(root, '/../../../etc/passwd'), join(root, 'etc/passwd'));
  assert.is(await resolveInRoot(root, '/a/../../../tmp/x'), join(root, 'tmp/x'));
  assert.is(await resolveInRoot(root, '/missing/../../../../x'), join(root, 'x'), '`..` in a missing tail too');
});

test("`..` after a link goes to the parent of the link's target, as the kernel does", async () => {
  const root = await makeRoot();
  assert.is(await resolveInRoot(root, '/ab/../x'), join(root, 'a/x'));
  assert.is(await resolveInRoot(root, '/chain/c'), join(root, 'a/b/c'));
});

test('a missing component followed by `..` and a link still resolves the link inside the root', async () => {
  const root = await makeRoot();
  // Lexically /missing/.. is /, so this names the link /etcabs, whose target is the root's /etc.
  assert.is(await resolveInRoot(root, '/missing/../etcabs/passwd'), join(root, 'etc/passwd'));
  assert.is(await resolveInRoot(root, '/nope/../a/b/up/x'), join(root, 'x'));
});

test('relative links inside the root are followed (etc/os-release → ../usr/lib/os-release)', async () => {
  const root = await makeRoot();
  assert.is(await resolveInRoot(root, '/etc/os-release'), join(root, 'usr/lib/os-release'));
});

test('a symlink loop is an error, not a hang', async () => {
  const root = await makeRoot();
  for (const p of ['/loop1/x', '/self']) {
    try {
      await resolveInRoot(root, p);
      assert.unreachable(`${p} should fail`);
    } catch (e) {
      assert.instance(e, RootEscapeError);
      assert.match((e as Error).message, 'too many levels of symbolic links');
    }
  }
});

test('insideRoot gives the path as seen from inside', async () => {
  const root = await makeRoot();
  assert.is(insideRoot(root, join(root, 'etc/passwd')), '/etc/passwd');
  assert.is(insideRoot(root, root), '/');
  assert.is(insideRoot('/', '/etc/passwd'), '/etc/passwd');
  assert.is(insideRoot(root, '/elsewhere'), '/elsewhere');
});

test.run();
