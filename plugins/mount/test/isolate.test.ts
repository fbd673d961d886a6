// The isolate hook: the command runs again under unshare in a private mount and PID namespace,
// with the marker set, and its exit status comes back. Real unshare, setpriv and signals.
// (No fixture here installs exit handlers: this file sends itself SIGTERM on purpose.)
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, readlink, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createExecutor } from '@yipts/core';
import mountPlugin, { ISOLATED_ENV } from '../src/index.js';
import { isolateRun } from '../src/isolate.js';

async function tempDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'yipts-mount-isolate-'));
}

const env = { PATH: process.env.PATH };
const sh = (script: string, ...args: string[]) => ['sh', '-c', script, 'isolated', ...args];

async function processesIn(mntNs: string): Promise<number[]> {
  const out: number[] = [];
  for (const pid of await readdir('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      if ((await readlink(`/proc/${pid}/ns/mnt`)) === mntNs) out.push(Number(pid));
    } catch {
      // gone meanwhile
    }
  }
  return out;
}

test('runs the command again in new mount and PID namespaces, with the marker, and returns its status', async () => {
  const dir = await tempDir();
  try {
    const notes: string[] = [];
    const script = `echo "$${ISOLATED_ENV} $$" > "$1/out"; readlink /proc/self/ns/mnt >> "$1/out"; mkdir "$1/m"; mount -t tmpfs tmpfs "$1/m"; touch "$1/m/inside"; exit 7`;
    const code = await isolateRun({ argv: sh(script, dir), env, root: dir }, notes);
    assert.is(code, 7);
    assert.equal(notes, []);
    const [marker, mntNs] = (await readFile(join(dir, 'out'), 'utf8')).trim().split('\n');
    assert.is(marker, '1 1', 'marker set, and the command is PID 1 of its own PID namespace');
    assert.is.not(mntNs, await readlink('/proc/self/ns/mnt'));
    assert.equal(await readdir(join(dir, 'm')), [], 'its mount was never visible here');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('when the isolated command ends, the kernel ends what it left running: the namespace is gone', async () => {
  const dir = await tempDir();
  try {
    const code = await isolateRun({ argv: sh('readlink /proc/self/ns/mnt > "$1/ns"; sleep 30 & exit 0', dir), env, root: dir }, []);
    assert.is(code, 0);
    const ns = (await readFile(join(dir, 'ns'), 'utf8')).trim();
    const deadline = Date.now() + 3000;
    while ((await processesIn(ns)).length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    assert.equal(await processesIn(ns), [], 'no process (the background sleep) keeps the namespace alive');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('SIGTERM to this process is passed to the isolated command, once', async () => {
  const dir = await tempDir();
  try {
    const script = `trap 'echo TERM >> "$1/signals"; exit 3' TERM; touch "$1/ready"; sleep 20 & wait`;
    const pending = isolateRun({ argv: sh(script, dir), env, root: dir }, []);
    while (!existsSync(join(dir, 'ready'))) await new Promise((r) => setTimeout(r, 20));
    process.kill(process.pid, 'SIGTERM');
    assert.is(await pending, 3);
    assert.is(await readFile(join(dir, 'signals'), 'utf8'), 'TERM\n');
    assert.is(process.listenerCount('SIGTERM'), 0, 'the relay is removed afterwards');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('no isolation for the host root, inside an isolated run, or when turned off', async () => {
  const dir = await tempDir();
  try {
    await mkdir(join(dir, 'x'));
    const argv = sh('exit 9');
    assert.is(await isolateRun({ argv, env, root: '/' }, []), undefined);
    assert.is(await isolateRun({ argv, env: { ...env, [ISOLATED_ENV]: '1' }, root: dir }, []), undefined);
    const off = createExecutor({ plugins: [mountPlugin({ isolate: false })] });
    assert.is(await off.hooks.isolate.promise({ argv, env, root: dir }), undefined);
    const on = createExecutor({ plugins: [mountPlugin()] });
    assert.is(await on.hooks.isolate.promise({ argv, env, root: dir }), 9, 'through the hook, as the CLI calls it');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test.run();
