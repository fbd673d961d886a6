/**
 * A large batch is made durable with one syncfs per file system, not one fsync per file; without
 * `sync` on PATH it falls back to fsyncs. The system calls are counted with strace, on the real
 * kernel: what the durability rests on is the call made, which no timing can show.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdir, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { AtomicWriteBatch } from '../src/atomic-batch.js';
import { pathPerFileSystem, SYNCFS_MIN_FILES } from '../src/sync-file-systems.js';
import { tempDirs } from './helpers.js';

const tmp = tempDirs();
test.after(tmp.cleanup);

const strace = ['/usr/bin/strace', '/bin/strace'].find((p) => existsSync(p));
const withStrace = strace ? test : test.skip;
const asRoot = process.getuid?.() === 0 ? test : test.skip;
const batchModule = fileURLToPath(new URL('../src/atomic-batch.ts', import.meta.url));
const tsx = fileURLToPath(new URL('../../../node_modules/tsx/dist/cli.mjs', import.meta.url));

/** Commits `count` files into `dir` in a child process under strace; returns the counted calls. */
function tracedCommit(dir: string, count: number, path: string): { fsync: number; syncfs: number } {
  const trace = join(dir, '..', `${count}.strace`);
  const script = join(dir, '..', 'commit.mts');
  writeFileSync(
    script,
    `
    import { AtomicWriteBatch } from ${JSON.stringify(batchModule)};
    const batch = new AtomicWriteBatch();
    for (let i = 0; i < ${count}; i++) batch.stage(${JSON.stringify(dir)} + '/f' + i, 'new ' + i, { mode: 0o640 });
    const failures = await batch.commit();
    if (failures.length) throw new Error(String(failures[0].error));`,
  );
  // strace by its full path: the child's PATH may lack it (and `sync`) on purpose.
  const r = spawnSync(strace!, ['-f', '-qq', '-e', 'trace=fsync,fdatasync,syncfs', '-o', trace, process.execPath, tsx, script], {
    env: { ...process.env, PATH: path },
    encoding: 'utf8',
  });
  assert.is(r.status, 0, r.stderr);
  const lines = readFileSync(trace, 'utf8').split('\n');
  return {
    fsync: lines.filter((l) => /\bf(data)?sync\(/.test(l)).length,
    syncfs: lines.filter((l) => /\bsyncfs\(/.test(l)).length,
  };
}

withStrace('a large batch: one syncfs, no fsync per file, every file written', async () => {
  const dir = join(await tmp.make(), 'out');
  await mkdir(dir);
  const calls = tracedCommit(dir, 200, process.env.PATH ?? '/usr/bin:/bin');
  assert.is(calls.syncfs, 1, 'one file system, one syncfs');
  assert.ok(calls.fsync <= 2, `only the directory is fsynced, not the files (${calls.fsync} fsyncs)`);
  assert.is((await readdir(dir)).length, 200, 'every file renamed into place, no temporary left');
  assert.is(await readFile(join(dir, 'f199'), 'utf8'), 'new 199');
});

withStrace('without sync on PATH: one fsync per file, still every file written', async () => {
  const dir = join(await tmp.make(), 'out');
  await mkdir(dir);
  const calls = tracedCommit(dir, 200, '/nonexistent');
  assert.is(calls.syncfs, 0);
  assert.ok(calls.fsync >= 200, `${calls.fsync} fsyncs`);
  assert.is((await readdir(dir)).length, 200);
});

withStrace('a small batch keeps one fsync per file: cheaper than starting sync', async () => {
  const dir = join(await tmp.make(), 'out');
  await mkdir(dir);
  const calls = tracedCommit(dir, SYNCFS_MIN_FILES - 1, process.env.PATH ?? '/usr/bin:/bin');
  assert.is(calls.syncfs, 0);
  assert.ok(calls.fsync >= SYNCFS_MIN_FILES - 1, `${calls.fsync} fsyncs`);
});

test('a large batch stopped during its flush renames nothing and leaves no temporary', async () => {
  const dir = await tmp.make();
  for (let i = 0; i < 200; i++) writeFileSync(join(dir, `f${i}`), 'old');
  const batch = new AtomicWriteBatch();
  for (let i = 0; i < 200; i++) batch.stage(join(dir, `f${i}`), 'new');
  const controller = new AbortController();
  const committing = batch.commit(controller.signal);
  controller.abort();
  const failures = await committing;
  assert.is(failures.length, 200, 'every file fails as interrupted');
  assert.match(String(failures[0]!.error), 'interrupted');
  assert.equal((await readdir(dir)).sort(), Array.from({ length: 200 }, (_, i) => `f${i}`).sort());
  assert.is(await readFile(join(dir, 'f0'), 'utf8'), 'old');
});

test('directories of one file system give one path', async () => {
  const base = await tmp.make();
  await mkdir(join(base, 'a'));
  await mkdir(join(base, 'b'));
  assert.equal(pathPerFileSystem([join(base, 'a/x'), join(base, 'a/y'), join(base, 'b/z')]), [join(base, 'a')]);
});

asRoot('directories on two file systems give one path each', async () => {
  const base = await tmp.make();
  const mounted = join(base, 'tmpfs');
  await mkdir(mounted);
  assert.is(spawnSync('mount', ['-t', 'tmpfs', 'yipts-test', mounted]).status, 0, 'mount tmpfs');
  try {
    assert.equal(pathPerFileSystem([join(base, 'x'), join(mounted, 'y'), join(mounted, 'z')]), [base, mounted]);
  } finally {
    spawnSync('umount', [mounted]);
  }
});

test.run();
