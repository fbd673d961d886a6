// Whatever happens during the run, nothing stays mounted: a failing step, a plugin that
// throws, an interrupted run, a preparation that fails half-way, mounts made by the steps
// themselves, a process that keeps a partition busy.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { definePlugin } from '@yipts/core';
import { busyboxRoot, findMountsUnder, loopImage, readFileFromImage, withCleanup } from '@yipts/test-fixtures';
import { harness, rootWithOem, stage, stepErrors } from './helpers.js';

test('a failing step: the run reports it, the root is released', () =>
  withCleanup(async (defer) => {
    const { root, oem, h } = await rootWithOem(defer, { 'a.txt': 'a\n' });
    const result = await h.run(stage({ commands: ['echo before > /oem/b.txt', 'exit 3', 'echo after > /after'] }));
    assert.not.ok(result.ok);
    assert.not.ok(result.fatal, 'a step failure is not a preparation failure');
    assert.match(stepErrors(result), /exited with status 3/);
    assert.ok(existsSync(join(root.path, 'after')), 'the next command still ran');
    assert.ok(h.during.includes(join(root.path, 'oem')));
    assert.equal(await findMountsUnder(root.path), []);
    assert.is(await readFileFromImage(oem.image, '/b.txt'), 'before\n');
  }));

test('a plugin that throws mid-run: the root is still released', () =>
  withCleanup(async (defer) => {
    const root = await busyboxRoot();
    defer(root.cleanup);
    const broken = definePlugin({
      name: 'broken',
      apply: (hooks) => hooks.stageStart.tapPromise('broken', async () => Promise.reject(new Error('boom'))),
    });
    const h = harness(root.path, { labels: {} }, [broken]);
    let mountedWhenItThrew: string[] = [];
    h.executor.hooks.stageStart.tapPromise({ name: 'look', stage: -1 }, async () => {
      mountedWhenItThrew = await findMountsUnder(root.path);
    });
    const result = await h.run(stage({ commands: ['true'] }));
    assert.not.ok(result.ok);
    assert.match(result.errors.map((e) => e.message).join('\n'), /boom/);
    assert.ok(mountedWhenItThrew.includes(join(root.path, 'proc')), 'the root was prepared when the plugin threw');
    assert.equal(await findMountsUnder(root.path), []);
  }));

test('an interrupted run (SIGINT/SIGTERM abort the signal): the long step stops, the root is released', () =>
  withCleanup(async (defer) => {
    const { root, h } = await rootWithOem(defer);
    const controller = new AbortController();
    const started = performance.now();
    const pending = h.run(stage({ commands: ['touch /started; sleep 30'] }), { signal: controller.signal });
    while (!existsSync(join(root.path, 'started'))) await new Promise((r) => setTimeout(r, 20));
    assert.ok((await findMountsUnder(root.path)).includes(join(root.path, 'oem')), 'mounted while the step runs');
    controller.abort(new Error('SIGTERM'));
    const result = await pending;
    assert.ok(performance.now() - started < 10_000, 'the step was stopped, not waited for');
    assert.not.ok(result.ok);
    assert.ok(result.errors.some((e) => e.reason === 'interrupted'));
    assert.equal(await findMountsUnder(root.path), []);
  }));

test('a preparation that fails half-way is fatal, names the mount, runs no step and undoes what was mounted', () =>
  withCleanup(async (defer) => {
    const root = await busyboxRoot();
    defer(root.cleanup);
    const oem = await loopImage({ label: 'COS_OEM' });
    defer(oem.cleanup);
    const h = harness(root.path, {
      labels: { COS_OEM: '/oem' },
      devices: { COS_OEM: oem.device },
      // Sorted after /oem: the partition is mounted, then this fails.
      extraMounts: [{ source: '/dev/yipts-no-such-device', target: '/srv/data' }],
    });
    let mountedAtFailure: string[] = [];
    h.executor.hooks.afterRun.tapPromise({ name: 'look', stage: -2000 }, async () => {
      mountedAtFailure = await findMountsUnder(root.path);
    });
    const result = await h.run(stage({ commands: ['touch /ran'] }));
    assert.ok(result.fatal);
    assert.not.ok(result.ok);
    const message = result.errors.map((e) => e.message).join('\n');
    assert.match(message, /\[mount\] beforeRun: cannot mount \/dev\/yipts-no-such-device at \/srv\/data/);
    assert.ok(mountedAtFailure.includes(join(root.path, 'oem')), 'the partition had been mounted before the failure');
    assert.not.ok(existsSync(join(root.path, 'ran')), 'no step ran');
    assert.equal(await findMountsUnder(root.path), []);
    assert.not.ok(existsSync(join(root.path, 'srv')) || existsSync(join(root.path, 'oem')), 'mount points made for the run are removed');
  }));

test('mounts a step makes inside the chroot are undone too, newest first', () =>
  withCleanup(async (defer) => {
    const { root, oem, h } = await rootWithOem(defer, { 'keep.txt': 'keep\n' });
    const result = await h.run(
      stage({
        commands: [
          'mkdir -p /mnt/t && mount -t tmpfs tmpfs /mnt/t',
          // Stacked on our own mount: ours must still come off after it.
          'mount -t tmpfs tmpfs /oem && touch /oem/on-tmpfs',
        ],
      }),
    );
    assert.ok(result.ok, stepErrors(result));
    assert.equal(await findMountsUnder(root.path), []);
    assert.is(await readFileFromImage(oem.image, '/keep.txt'), 'keep\n');
    assert.not.ok(existsSync(join(root.path, 'oem')), 'our mount point is removed once everything on it is gone');
  }));

test('a process left running in a partition: detached lazily with a warning, nothing stays in the tree', () =>
  withCleanup(async (defer) => {
    const { root, h } = await rootWithOem(defer);
    const result = await h.run(
      stage({ commands: ["setsid sh -c 'cd /oem && echo $$ > /bg.pid && exec sleep 3' </dev/null >/dev/null 2>&1 &", 'sleep 0.2'] }),
    );
    assert.ok(result.ok, stepErrors(result));
    assert.match(h.logger.text('warning'), /oem was busy \(a process still uses it\): detached lazily/);
    assert.equal(await findMountsUnder(root.path), []);
    const pid = Number((await readFile(join(root.path, 'bg.pid'), 'utf8')).trim());
    defer(async () => {
      while (existsSync(`/proc/${pid}`)) await new Promise((r) => setTimeout(r, 50));
    });
  }));

test.run();
