// The isolate hook: the command runs again under unshare in a private mount and PID namespace,
// with the marker set, and its exit status comes back. Real unshare, setpriv and signals.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, readlink, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createExecutor } from '@yipts/core';
import { isolate } from '@yipts/isolation';
import mountPlugin, { ISOLATED_ENV } from '../src/index.js';
import { isolateRun } from '../src/isolate.js';

async function tempDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'yipts-mount-isolate-'));
}

const env = { PATH: process.env.PATH };
const tsxLoader = fileURLToPath(new URL('../../../node_modules/tsx/dist/loader.mjs', import.meta.url));

async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}
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
    await waitFor(async () => (await processesIn(ns)).length === 0, 3000).catch(() => {});
    assert.equal(await processesIn(ns), [], 'no process (the background sleep) keeps the namespace alive');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

/** Starts isolate-child.ts: a separate process that isolates `script`, as the CLI would. */
function isolatingProcess(script: string, dir: string) {
  const child = spawn(
    process.execPath,
    ['--import', tsxLoader, fileURLToPath(new URL('./isolate-child.ts', import.meta.url)), script, dir],
    { stdio: 'inherit' },
  );
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return { child, exit };
}

for (const [sent, received] of [
  ['SIGTERM', 'TERM'],
  ['SIGHUP', 'TERM'],
  ['SIGINT', 'INT'],
] as const) {
  test(`${sent} to the isolating process reaches the isolated command once, as ${received}`, async () => {
    const dir = await tempDir();
    try {
      const script = `trap 'echo TERM >> "$1/signals"; exit 3' TERM; trap 'echo INT >> "$1/signals"; exit 4' INT; touch "$1/ready"; sleep 20 & wait`;
      const p = isolatingProcess(script, dir);
      await waitFor(() => existsSync(join(dir, 'ready')));
      p.child.kill(sent);
      assert.equal(await p.exit, { code: received === 'TERM' ? 3 : 4, signal: null });
      assert.is(await readFile(join(dir, 'signals'), 'utf8'), `${received}\n`);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
}

test('SIGKILL of the isolating process takes the isolated command and what it started along', async () => {
  const dir = await tempDir();
  try {
    const p = isolatingProcess('readlink /proc/self/ns/mnt > "$1/ns.part"; mv "$1/ns.part" "$1/ns"; sleep 30 & sleep 30', dir);
    // Renamed into place once written: the shell creates the file before readlink writes to it.
    await waitFor(() => existsSync(join(dir, 'ns')));
    const ns = (await readFile(join(dir, 'ns'), 'utf8')).trim();
    await waitFor(async () => (await processesIn(ns)).length >= 2);
    p.child.kill('SIGKILL');
    await p.exit;
    await waitFor(async () => (await processesIn(ns)).length === 0);
    assert.equal(await processesIn(ns), []);
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
    assert.is(await isolate(off.hooks, { argv, env, root: dir }), undefined);
    const on = createExecutor({ plugins: [mountPlugin()] });
    assert.is(await isolate(on.hooks, { argv, env, root: dir }), 9, 'through the hook, as the CLI calls it');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test.run();
