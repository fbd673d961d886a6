// A failing step, SIGTERM, and SIGKILL (of the yip that was started, and of the isolated yip
// that holds the mounts) in the middle of a long step: in every case nothing stays mounted,
// in any namespace, and no process of the run survives.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { readFileFromImage, run, withCleanup } from '../fixtures/index.js';
import { cliProcessName } from '../helpers/cli.js';
import { mountNamespace, processesInNamespace, processTree, startYip, waitFor, yip } from './cli.js';
import type { YipProcess } from './cli.js';
import { mountsAnywhereUnder, mountsLeftUnder, scene } from './scene.js';
import type { Scene } from './scene.js';

const STAGE = 'after-upgrade-chroot';
const LONG_STEP = `stages:\n  ${STAGE}:\n    - commands: ["touch /started; sleep 60"]\n`;

const args = (s: Scene, ...more: string[]) => ['run-stage', '--no-cmdline', '--config', s.config, '--root', s.root.path, ...more, STAGE];

interface Running {
  yip: YipProcess;
  /** Every process of the run once the step runs. */
  tree: number[];
  /** The isolated yip: the process whose namespace holds the mounts. */
  inner: number;
  innerNs: string;
}

/** Starts the long step and waits until it runs, with the partition mounted in the run's namespace only. */
async function startLong(s: Scene): Promise<Running> {
  const p = startYip(args(s), { env: { LOGLEVEL: 'debug' } });
  await waitFor('the step to start', () => existsSync(join(s.root.path, 'started')) || p.child.exitCode !== null);
  assert.is(p.child.exitCode, null, p.stderr());
  const tree = await processTree(p.child.pid!);
  const own = await mountNamespace(process.pid);
  let inner: number | undefined;
  for (const pid of tree) {
    const comm = (await readFile(`/proc/${pid}/comm`, 'utf8').catch(() => '')).trim();
    if (comm === cliProcessName() && (await mountNamespace(pid)) !== own) inner ??= pid;
  }
  assert.ok(inner, `no isolated yip among ${tree.join(' ')}`);
  const innerNs = (await mountNamespace(inner))!;
  const innerMounts = await readFile(`/proc/${inner}/mountinfo`, 'utf8');
  assert.ok(innerMounts.includes(` ${s.root.path}/oem `), 'the partition is mounted in the run’s namespace');
  assert.not.ok((await readFile('/proc/self/mountinfo', 'utf8')).includes(s.root.path), 'and not in the host’s');
  return { yip: p, tree, inner, innerNs };
}

async function assertAllGone(s: Scene, r: Running): Promise<void> {
  await waitFor(
    'every process of the run to end',
    async () => {
      for (const pid of r.tree)
        if (existsSync(`/proc/${pid}`) && !(await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '')).includes(') Z')) return false;
      return true;
    },
    10_000,
  );
  assert.equal(await processesInNamespace(r.innerNs), [], 'the run’s namespace is gone');
  assert.equal(await mountsLeftUnder(s.root.path), []);
  assert.is(await readFileFromImage(s.oem!.image, '/install.yaml'), LONG_STEP);
  await run('e2fsck', ['-n', '-f', s.oem!.image]);
}

test('a failing step: exit 0, or 65 with --strict; released either way', () =>
  withCleanup(async (defer) => {
    const s = await scene(defer, {
      oem: { 'install.yaml': `stages:\n  ${STAGE}:\n    - name: broken\n      commands: ["exit 4", "touch /oem/after-failure"]\n` },
      persistent: false,
    });
    const lax = await yip(args(s));
    assert.is(lax.code, 0, lax.stderr);
    assert.match(lax.stderr, /broken.*exited with status 4/);
    const strict = await yip(args(s, '--strict'));
    assert.is(strict.code, 65, strict.stderr);
    assert.equal(await mountsLeftUnder(s.root.path), []);
    assert.is(await readFileFromImage(s.oem!.image, '/after-failure'), '');
  }));

test('SIGTERM during a long step: the step stops, the root is released, yip exits 143', () =>
  withCleanup(async (defer) => {
    const s = await scene(defer, { oem: { 'install.yaml': LONG_STEP }, persistent: false });
    const r = await startLong(s);
    const t0 = Date.now();
    r.yip.child.kill('SIGTERM');
    const result = await r.yip.done;
    assert.ok(Date.now() - t0 < 10_000, 'stopped, not waited for');
    assert.is(result.code, 143, result.stderr);
    assert.match(result.stderr, /SIGTERM received: stopping the run and releasing the root/);
    assert.match(result.stderr, /\[mount\] released/);
    await assertAllGone(s, r);
  }));

test('SIGKILL of yip during a long step: the whole run dies with it, nothing stays mounted', () =>
  withCleanup(async (defer) => {
    const s = await scene(defer, { oem: { 'install.yaml': LONG_STEP }, persistent: false });
    const r = await startLong(s);
    r.yip.child.kill('SIGKILL');
    const result = await r.yip.done;
    assert.is(result.signal, 'SIGKILL');
    await assertAllGone(s, r);
  }));

test('SIGKILL of the isolated yip (the one holding the mounts): nothing stays mounted, yip fails', () =>
  withCleanup(async (defer) => {
    const s = await scene(defer, { oem: { 'install.yaml': LONG_STEP }, persistent: false });
    const r = await startLong(s);
    process.kill(r.inner, 'SIGKILL');
    const result = await r.yip.done;
    assert.is.not(result.code, 0);
    await assertAllGone(s, r);
  }));

test('without isolation (YIPTS_ISOLATED=1 set by the caller), SIGTERM still releases every mount', () =>
  withCleanup(async (defer) => {
    const s = await scene(defer, { oem: { 'install.yaml': LONG_STEP }, persistent: false });
    const p = startYip(args(s), { env: { LOGLEVEL: 'debug', YIPTS_ISOLATED: '1' } });
    await waitFor('the step to start', () => existsSync(join(s.root.path, 'started')) || p.child.exitCode !== null);
    const during = await mountsAnywhereUnder(s.root.path);
    assert.ok(during.includes(join(s.root.path, 'oem')), `mounted in this namespace this time: ${during.join(', ')}`);
    p.child.kill('SIGTERM');
    const result = await p.done;
    assert.is(result.code, 143, result.stderr);
    assert.equal(await mountsLeftUnder(s.root.path), []);
    assert.not.ok(existsSync(join(s.root.path, 'oem')));
  }));

test.run();
