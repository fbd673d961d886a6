/**
 * openInRoot: a path of the target root pinned by file descriptor. Links are followed inside the
 * root, `..` stops at it, loops are ELOOP, missing parents are made when asked, and every
 * operation on the result goes through the pinned parent, so swapping a directory for a link
 * after the walk changes nothing. The fds are all closed again.
 */
import { lstatSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  AtomicWriteBatch,
  describeInRoot,
  mergeFileInRoot,
  openInRoot,
  readFileInRoot,
  setAttributes,
  withinRoot,
  writeFileAtomic,
} from '../src/index.js';
import { tempDirs } from './helpers.js';

const tmp = tempDirs();
test.after(tmp.cleanup);

const openFds = () => readdirSync('/proc/self/fd').length;

async function makeRoot(): Promise<{ root: string; outside: string }> {
  const root = await tmp.make('yipts-walk-root-');
  const outside = await tmp.make('yipts-walk-outside-');
  mkdirSync(join(root, 'etc/sub'), { recursive: true });
  symlinkSync('/etc', join(root, 'etcabs'));
  symlinkSync('../../../../../..', join(root, 'etc/up'));
  symlinkSync(outside, join(root, 'host')); // absolute, naming a host directory
  symlinkSync('loop2', join(root, 'loop1'));
  symlinkSync('loop1', join(root, 'loop2'));
  symlinkSync('sub/file', join(root, 'etc/last'));
  return { root, outside };
}

test('links are followed inside the root: absolute, relative, climbing, and as the last component', async () => {
  const { root, outside } = await makeRoot();
  const cases: Array<[string, string]> = [
    ['/etcabs/a', '/etc/a'],
    ['/etc/up/etc/b', '/etc/b'],
    ['/../../etc/../etc/c', '/etc/c'],
    ['/host/d', `${outside}/d`],
    ['/etc/last', '/etc/sub/file'],
    ['etc/sub/', '/etc/sub'],
  ];
  for (const [path, inside] of cases) {
    const target = openInRoot(root, path, { createParents: { mode: 0o755 } });
    try {
      assert.is(target.inside, inside, path);
      if (!path.endsWith('/')) writeFileSync(target.host, path);
    } finally {
      target.close();
    }
    if (path !== 'etc/sub/') assert.is(readFileSync(join(root, inside), 'utf8'), path);
  }
  assert.equal(readdirSync(outside), [], 'nothing was written in the host directory a link names');
});

test('`..` at the root stays at the root; the root itself is name ""', async () => {
  const { root } = await makeRoot();
  await withinRoot(root, '/../..', {}, (target) => {
    assert.is(target.name, '');
    assert.is(target.inside, '/');
    assert.is(statSync(target.host).ino, statSync(root).ino);
  });
});

test('a loop of links is ELOOP; a missing parent is ENOENT unless asked to make it', async () => {
  const { root } = await makeRoot();
  assert.throws(() => openInRoot(root, '/loop1/x'), /too many levels of symbolic links/);
  assert.throws(
    () => openInRoot(root, '/missing/x'),
    (e: NodeJS.ErrnoException) => e.code === 'ENOENT' && /\/missing/.test(e.message),
  );
  const target = openInRoot(root, '/made/deeper/x', { createParents: { mode: 0o710, uid: 1234, gid: 1235 } });
  target.close();
  assert.equal(target.created, ['/made', '/made/deeper']);
  const made = statSync(join(root, 'made/deeper'));
  assert.is(made.mode & 0o7777, 0o710, 'the exact mode, not masked by the umask');
  assert.is(made.uid, 1234);
  assert.is(made.gid, 1235);
});

test('a directory swapped for a link after the walk: writes, renames and chmods stay in the pinned directory', async () => {
  const { root, outside } = await makeRoot();
  mkdirSync(join(root, 'd'));
  writeFileSync(join(root, 'd/existing'), 'x');
  const target = openInRoot(root, '/d/new');
  const existing = openInRoot(root, '/d/existing');
  // The attack: the directory moves away and a link to the host takes its place.
  renameSync(join(root, 'd'), join(root, 'd.moved'));
  symlinkSync(outside, join(root, 'd'));
  try {
    await writeFileAtomic(target.host, 'new\n', { mode: 0o600 });
    setAttributes(existing.host, { mode: 0o640, uid: 4321, gid: 4321 });
  } finally {
    target.close();
    existing.close();
  }
  assert.equal(readdirSync(outside), []);
  assert.is(readFileSync(join(root, 'd.moved/new'), 'utf8'), 'new\n');
  assert.is(statSync(join(root, 'd.moved/existing')).mode & 0o7777, 0o640);
  assert.is(statSync(join(root, 'd.moved/existing')).uid, 4321);
});

test('a link, a FIFO or a device as the last component: mode and owner are left alone', async () => {
  const { root } = await makeRoot();
  symlinkSync('/etc', join(root, 'link'));
  await withinRoot(root, '/link', { followLast: false }, (target) => {
    assert.throws(() => setAttributes(target.host, { mode: 0o777 }), /\/link is a symbolic link/);
  });
  assert.ok(lstatSync(join(root, 'link')).isSymbolicLink());
  execFileSync('mkfifo', ['-m', '0600', join(root, 'fifo')]);
  await withinRoot(root, '/fifo', {}, (target) => {
    assert.throws(() => setAttributes(target.host, { mode: 0o666 }), /\/fifo is neither a file nor a directory/);
  });
  assert.is(statSync(join(root, 'fifo')).mode & 0o7777, 0o600, 'not opened, not changed (an open would have blocked)');
});

test('a read that feeds a write reads the file of the root, never the host file a link names', async () => {
  const { root, outside } = await makeRoot();
  writeFileSync(join(outside, 'secret'), 'host\n');
  symlinkSync(join(outside, 'secret'), join(root, 'etc/merged')); // absolute: means R/<outside>/secret
  assert.is(await readFileInRoot(root, '/etc/merged'), undefined, 'the root has no such file');
  const written = await mergeFileInRoot(root, '/etc/merged', (current) => `${current ?? ''}A=1\n`);
  assert.is(written, `${outside}/secret`);
  assert.is(readFileSync(join(root, outside, 'secret'), 'utf8'), 'A=1\n', 'merged into the file the link names inside the root');
  assert.is(readFileSync(join(outside, 'secret'), 'utf8'), 'host\n', 'the host file was neither read nor written');
});

test('messages name the path inside the root, never /proc/self/fd', async () => {
  const { root } = await makeRoot();
  writeFileSync(join(root, 'etc/file'), '');
  const error = await withinRoot(root, '/etc/file', {}, (target) => {
    mkdirSync(`${target.host}/x`);
  }).catch((e: Error) => e);
  assert.instance(error, Error);
  assert.match((error as Error).message, /\/etc\/file\/x/);
  assert.not.match((error as Error).message, /proc\/self\/fd/);
  assert.is(describeInRoot(new Error('plain')).message, 'plain');
});

test('the batch writes through pinned parents and closes them; 20,000 files leave the fd count where it was', async () => {
  const { root, outside } = await makeRoot();
  const before = openFds();
  const batch = new AtomicWriteBatch();
  for (let i = 0; i < 20_000; i++) {
    batch.stageIn(openInRoot(root, `/many/${i % 50}/f${i}`, { createParents: { mode: 0o755 } }), `${i}`, { mode: 0o600 });
    if (batch.size >= 256) assert.equal(await batch.commit(), []);
  }
  assert.equal(await batch.commit(), []);
  assert.is(openFds(), before, 'no fd left open');
  assert.is(readFileSync(join(root, 'many/7/f19957'), 'utf8'), '19957');
  assert.is(readdirSync(join(root, 'many')).length, 50);
  assert.equal(readdirSync(outside), []);
  const aborted = new AtomicWriteBatch();
  aborted.stageIn(openInRoot(root, '/aborted'), 'x');
  aborted.abort();
  assert.is(openFds(), before);
  assert.equal(
    readdirSync(root).filter((n) => n.includes('aborted')),
    [],
  );
});

test('on the host the path is the plain path, and nothing is held open', async () => {
  const dir = await tmp.make();
  const before = openFds();
  const target = openInRoot('/', `${dir}/a/b/../c`, { createParents: { mode: 0o700 } });
  assert.is(target.host, `${dir}/a/c`);
  assert.is(openFds(), before);
  assert.is(statSync(`${dir}/a`).mode & 0o7777, 0o700);
});

test.run();
