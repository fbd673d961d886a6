// Options, the mount table parser and the kernel command line: pure functions, no system access
// beyond temp files.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { oemLabelFromCmdline } from '../src/labels.js';
import { isWithin, mountsBelow, parseMountInfo } from '../src/mountinfo.js';
import { DEFAULT_LABELS, MountOptionsError, normalizeOptions } from '../src/options.js';
import mountPlugin, { PLUGIN_NAME } from '../src/index.js';

test('defaults: the Elemental layout, DNS from the host, isolation on', () => {
  const o = normalizeOptions({});
  assert.equal([...o.labels], Object.entries(DEFAULT_LABELS));
  assert.equal(
    [...o.labels],
    [
      ['COS_OEM', '/oem'],
      ['COS_PERSISTENT', '/usr/local'],
    ],
  );
  assert.is(o.resolvConf, '/etc/resolv.conf');
  assert.is(o.bindRun, false);
  assert.is(o.isolate, true);
  assert.is(o.blkid, 'blkid');
  assert.is(o.cmdline, '/proc/cmdline');
  assert.equal(o.extraMounts, []);
});

test('labels, targets and extra mounts are checked and normalized', () => {
  const o = normalizeOptions({
    labels: { COS_PERSISTENT: '/run/elemental/persistent/' },
    extraMounts: [{ source: '/srv/data', target: '/srv//data/', bind: true, options: ['ro'] }],
    resolvConf: false,
  });
  assert.equal([...o.labels], [['COS_PERSISTENT', '/run/elemental/persistent']]);
  assert.equal(o.extraMounts, [{ source: '/srv/data', target: '/srv/data', options: ['ro'], bind: true }]);
  assert.is(o.resolvConf, false);
});

test('bad options fail at once with a message naming the option', () => {
  const cases: [Record<string, unknown>, RegExp][] = [
    [{ lables: {} }, /unknown option `lables`/],
    [{ labels: { COS_OEM: 'oem' } }, /labels\.COS_OEM must be an absolute path/],
    [{ labels: { COS_OEM: '/' } }, /cannot be the root itself/],
    [{ labels: { 'COS OEM': '/oem' } }, /bad partition label/],
    [{ extraMounts: [{ source: '/x' }] }, /extraMounts\[0\]\.target/],
    [{ extraMounts: {} }, /extraMounts must be a list/],
    [{ bindRun: 'yes' }, /bindRun must be true or false/],
    [{ devices: { COS_OEM: 3 } }, /devices\.COS_OEM must be a non-empty string/],
  ];
  for (const [input, message] of cases) {
    assert.throws(
      () => normalizeOptions(input),
      (e: Error) => e instanceof MountOptionsError && message.test(e.message),
      JSON.stringify(input),
    );
  }
  // The factory validates too, so a bad preset fails when the CLI starts, not mid-upgrade.
  assert.throws(() => mountPlugin({ bindRun: 1 } as never), /bindRun/);
  assert.is(mountPlugin().name, PLUGIN_NAME);
});

test('mountinfo: fields, octal escapes, mount order kept', () => {
  const text = [
    '22 1 254:0 / / rw,relatime shared:1 - ext4 /dev/vda rw',
    '40 22 0:5 / /tmp/r\\040oot/dev rw,nosuid master:2 - devtmpfs udev rw',
    '41 40 7:3 /sub /tmp/r\\040oot/oem rw - ext4 /dev/loop3 rw',
    'garbage line',
  ].join('\n');
  const t = parseMountInfo(text);
  assert.is(t.length, 3);
  assert.equal(t[1], {
    id: 40,
    parentId: 22,
    device: '0:5',
    fsRoot: '/',
    target: '/tmp/r oot/dev',
    options: 'rw,nosuid',
    fsType: 'devtmpfs',
    source: 'udev',
  });
  assert.is(t[2]?.fsRoot, '/sub');
  assert.equal(
    mountsBelow(t, '/tmp/r oot').map((m) => m.id),
    [40, 41],
  );
  assert.equal(mountsBelow(t, '/tmp/r'), []);
  assert.ok(isWithin('/a', '/a') && isWithin('/a', '/a/b') && !isWithin('/a', '/ab') && isWithin('/', '/x'));
});

test('kernel command line: elemental.oemlabel and rd.cos.oemlabel, the last one wins', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'yipts-mount-cmdline-'));
  try {
    const file = join(dir, 'cmdline');
    await writeFile(file, 'BOOT_IMAGE=/vmlinuz rd.cos.oemlabel=OLD_OEM quiet elemental.oemlabel="MY_OEM"\n');
    assert.is(await oemLabelFromCmdline(file), 'MY_OEM');
    await writeFile(file, 'quiet\n');
    assert.is(await oemLabelFromCmdline(file), undefined);
    assert.is(await oemLabelFromCmdline(join(dir, 'missing')), undefined);
    assert.is(await oemLabelFromCmdline(false), undefined);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test.run();
