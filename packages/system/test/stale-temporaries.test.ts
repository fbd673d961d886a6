/** Leftover temporaries of killed writers are removed; anything else, and live writers' files, are kept. */
import { spawnSync } from 'node:child_process';
import { mkdir, readdir, symlink, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  AtomicWriteBatch,
  processStartTime,
  STALE_TEMPORARY_AGE_MS,
  sweepStaleTemporaries,
  uniqueSuffix,
  writeFileAtomic,
} from '../src/index.js';
import { tempDirs } from './helpers.js';

const tmp = tempDirs();
test.after(tmp.cleanup);

/** The pid of a process that has exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(child.stdout);
}

const b36 = (n: number) => n.toString(36);

test('temporaries of a gone writer go; of a live one, of this process, and other names stay', async () => {
  const dir = await tmp.make();
  const dead = b36(deadPid());
  const names = {
    dead: `.motd.yipts-${dead}-1abcdef`,
    deadDownload: `.tool.bin.yipts-download-${dead}-2abcdef`,
    live: `.issue.yipts-${b36(process.ppid)}-3abcdef`,
    mine: `.hosts.yipts-${uniqueSuffix()}`,
    legacyFresh: '.passwd.yipts-k2j4h5g6f7',
    user: '.motd.yipts',
    other: 'motd',
    notTemporary: `motd.yipts-${dead}-1abcdef`,
  };
  for (const name of Object.values(names)) await writeFile(join(dir, name), 'x');
  await mkdir(join(dir, `.dir.yipts-${dead}-4abcdef`));
  await symlink('/etc/passwd', join(dir, `.link.yipts-${dead}-5abcdef`));
  const removed = sweepStaleTemporaries(dir);
  assert.equal(removed.sort(), [names.dead, names.deadDownload].sort());
  const left = await readdir(dir);
  for (const name of [names.live, names.mine, names.legacyFresh, names.user, names.other, names.notTemporary])
    assert.ok(left.includes(name), name);
  assert.ok(left.includes(`.dir.yipts-${dead}-4abcdef`) && left.includes(`.link.yipts-${dead}-5abcdef`), 'only regular files are removed');
});

test('a writer is its pid and its start time: a reused pid (pid 1 of every isolated run) does not keep a file', async () => {
  const dir = await tmp.make();
  const start = processStartTime('self');
  assert.ok(start !== undefined, 'the start time of this process is read from /proc');
  const parentStart = processStartTime(process.ppid)!;
  const names = {
    mineEarlierRun: `.motd.yipts-${b36(process.pid)}.${b36(start - 1)}-1abcdef`,
    liveReused: `.issue.yipts-${b36(process.ppid)}.${b36(parentStart + 7)}-2abcdef`,
    live: `.hosts.yipts-${b36(process.ppid)}.${b36(parentStart)}-3abcdef`,
    mine: `.fstab.yipts-${uniqueSuffix()}`,
  };
  assert.match(names.mine, new RegExp(`yipts-${b36(process.pid)}\\.${b36(start)}-`), 'this process names its temporaries with both');
  for (const name of Object.values(names)) await writeFile(join(dir, name), 'x');
  assert.equal(sweepStaleTemporaries(dir).sort(), [names.mineEarlierRun, names.liveReused].sort());
  assert.equal((await readdir(dir)).sort(), [names.live, names.mine].sort());
});

test('past a day a temporary goes whoever wrote it (pids are reused)', async () => {
  const dir = await tmp.make();
  const live = `.issue.yipts-${b36(process.ppid)}-3abcdef`;
  const legacy = '.passwd.yipts-k2j4h5g6f7';
  for (const name of [live, legacy]) {
    await writeFile(join(dir, name), 'x');
    const old = (Date.now() - STALE_TEMPORARY_AGE_MS - 60_000) / 1000;
    await utimes(join(dir, name), old, old);
  }
  assert.equal(sweepStaleTemporaries(dir).sort(), [live, legacy].sort());
});

test('the next write in a directory sweeps it, through both writers', async () => {
  for (const write of [
    (p: string) => writeFileAtomic(p, 'new'),
    async (p: string) => {
      const batch = new AtomicWriteBatch();
      batch.stage(p, 'new');
      assert.equal(await batch.commit(), []);
    },
  ]) {
    const dir = await tmp.make();
    await writeFile(join(dir, `.motd.yipts-${b36(deadPid())}-1abcdef`), 'half');
    await write(join(dir, 'motd'));
    assert.equal(await readdir(dir), ['motd']);
  }
});

test.run();
