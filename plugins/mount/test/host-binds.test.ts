// The host's /dev, /dev/pts, /proc and /sys are bound into a chroot stage's root read-only: a
// step cannot replace, chmod, chown or add anything there, while commands still use /dev/null,
// read /proc and /sys, and the partitions mounted for the stage stay writable.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync } from 'node:fs';
import { lstat, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { readFileFromImage, withCleanup } from '@yipts/test-fixtures';
import { readMountTable } from '../src/mountinfo.js';
import { rootWithOem, stepErrors } from './helpers.js';

const HOST_BINDS = ['/dev', '/dev/pts', '/proc', '/sys'];

const binds = suite('host binds');

binds('writes aimed at the host binds fail as read-only and leave the host as it was', () =>
  withCleanup(async (defer) => {
    const { root, oem, h } = await rootWithOem(defer);
    const devBefore = await stat('/dev');
    const nullBefore = await lstat('/dev/null');
    let options: Record<string, string> = {};
    h.executor.hooks.stageStart.tapPromise('flags', async () => {
      const table = await readMountTable();
      options = Object.fromEntries(
        HOST_BINDS.map((p) => [p, table.find((m) => m.target === join(root.path, p))?.options ?? 'not mounted']),
      );
    });
    const result = await h.run({
      stages: {
        'after-upgrade-chroot': [
          { name: 'null', files: [{ path: '/dev/null', content: 'X', permissions: 0o777 }] },
          { name: 'dev', directories: [{ path: '/dev', permissions: 0o777, owner: 1234 }] },
          { name: 'new', files: [{ path: '/dev/yipts-probe/key', content: 'secret' }] },
          { name: 'sys', files: [{ path: '/sys/yipts-probe', content: 'X' }] },
          {
            name: 'cmd',
            commands: [
              'if touch /dev/yipts-cmd-probe; then echo written; else echo refused; fi > /oem/touch',
              'echo fine > /dev/null && head -c5 /proc/version > /oem/proc && ls /sys/class > /dev/null',
            ],
          },
        ],
      },
    });
    for (const p of HOST_BINDS) assert.ok(options[p]?.split(',').includes('ro'), `${p} is bound read-only: ${options[p]}`);
    const steps = result.stages[0]!.steps;
    for (const id of ['null', 'dev', 'new', 'sys']) {
      const step = steps.find((s) => s.id === `test.yaml.${id}`)!;
      assert.is(step.status, 'failed', id);
      assert.match(step.errors.map((e) => e.message).join('\n'), /read-only file system|EROFS/i, id);
    }
    assert.is(steps.find((s) => s.id === 'test.yaml.cmd')!.status, 'ok', stepErrors(result));
    assert.is(await readFileFromImage(oem.image, '/touch'), 'refused\n');
    assert.is(await readFileFromImage(oem.image, '/proc'), 'Linux');
    const nullAfter = await lstat('/dev/null');
    assert.ok(nullAfter.isCharacterDevice(), 'the host /dev/null is still a device');
    assert.is(nullAfter.mode, nullBefore.mode);
    const devAfter = await stat('/dev');
    assert.is(devAfter.mode, devBefore.mode);
    assert.is(devAfter.uid, devBefore.uid);
    for (const probe of ['/dev/yipts-probe', '/dev/yipts-cmd-probe', '/sys/yipts-probe']) assert.not.ok(existsSync(probe), probe);
  }),
);

binds.run();
