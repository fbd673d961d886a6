import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { lstat, readFile, readlink } from 'node:fs/promises';
import { join } from 'node:path';
import { busyboxRoot, debianRoot } from '@yipts/test-fixtures';
import type { TempRoot } from '@yipts/test-fixtures';
import systemdFirstbootPlugin, { firstbootArguments } from '../src/index.js';
import { runOnIsolatedHost, runStep, runYaml } from '@yipts/testing';

let debian: TempRoot;
const hostFiles = async () => ({
  hostname: await readFile('/etc/hostname', 'utf8').catch(() => null),
  localtime: await readlink('/etc/localtime').catch(() => null),
  vconsole: await readFile('/etc/vconsole.conf', 'utf8').catch(() => null),
});

test.before(async () => {
  debian = await debianRoot();
});

test.after(async () => {
  await debian?.cleanup();
});

test('arguments: keys lower-cased, "true" alone, sorted', () => {
  assert.equal(firstbootArguments({ Timezone: 'UTC', keymap: 'us', force: 'true', Locale: 'en_US.UTF-8', delete_root_password: 'false' }), [
    '--delete_root_password=false',
    '--force',
    '--keymap=us',
    '--locale=en_US.UTF-8',
    '--timezone=UTC',
  ]);
  assert.throws(() => firstbootArguments({ 'x; rm -rf /': '1' }), /not a systemd-firstboot option name/);
});

test("in a Debian root: the host's systemd-firstboot --root writes the root's files, the host's stay", async () => {
  const before = await hostFiles();
  const yaml =
    'stages:\n  after-install-chroot:\n    - systemd_firstboot:\n        keymap: us\n        locale: en_US.UTF-8\n        timezone: Europe/Madrid\n        hostname: fb-node\n        force: "true"\n';
  const run = await runYaml(yaml, { plugins: [systemdFirstbootPlugin()], root: debian.path, stage: 'after-install-chroot' });
  assert.equal(run.errors, []);
  assert.is(await readFile(join(debian.path, 'etc/vconsole.conf'), 'utf8'), 'KEYMAP=us\n');
  assert.match(await readlink(join(debian.path, 'etc/localtime')), /zoneinfo\/Europe\/Madrid$/);
  assert.is(await readFile(join(debian.path, 'etc/hostname'), 'utf8'), 'fb-node\n');
  // Debian's systemd keeps the locale in /etc/default/locale.
  assert.match(await readFile(join(debian.path, 'etc/default/locale'), 'utf8'), /LANG=en_US\.UTF-8/);
  assert.equal(await hostFiles(), before);
});

test("without `force` existing settings are kept (systemd-firstboot's own rule)", async () => {
  const run = await runStep({ systemd_firstboot: { keymap: 'de' } }, { plugins: [systemdFirstbootPlugin()], root: debian.path });
  assert.equal(run.errors, []);
  assert.is(await readFile(join(debian.path, 'etc/vconsole.conf'), 'utf8'), 'KEYMAP=us\n');
});

test('a value the tool rejects is an error carrying its output', async () => {
  const run = await runStep(
    { systemd_firstboot: { timezone: 'Nowhere/Atlantis', force: 'true' } },
    { plugins: [systemdFirstbootPlugin()], root: debian.path },
  );
  assert.is(run.errors.length, 1);
  assert.match(run.errors[0]!.message, /systemd-firstboot --root=\S+ --force --timezone=Nowhere\/Atlantis` exited with status 1/);
  assert.match(run.errors[0]!.message, /Timezone Nowhere\/Atlantis is not valid/);
});

test('`root` cannot be set for a target root: it would aim the tool elsewhere', async () => {
  const run = await runStep(
    { systemd_firstboot: { root: '/', keymap: 'fr', force: 'true' } },
    { plugins: [systemdFirstbootPlugin()], root: debian.path },
  );
  assert.is(run.errors.length, 1);
  assert.match(run.errors[0]!.message, /`root` cannot be set when running against a target root/);
  assert.is(await readFile(join(debian.path, 'etc/vconsole.conf'), 'utf8'), 'KEYMAP=us\n');
});

test('offlineTool "root": the image\'s own systemd-firstboot runs chrooted (with /proc bound, as chroot stages do)', async () => {
  const run = await runOnIsolatedHost(
    {
      stage: 's',
      root: debian.path,
      plugins: [{ module: new URL('../src/index.ts', import.meta.url), options: { offlineTool: 'root' } }],
      yaml: 'stages:\n  s:\n    - systemd_firstboot:\n        keymap: fr\n        force: "true"\n',
    },
    { overlays: [], setup: `mount -t proc proc ${debian.path}/proc` },
  );
  try {
    assert.equal(run.errors, []);
    assert.is(await readFile(join(debian.path, 'etc/vconsole.conf'), 'utf8'), 'KEYMAP=fr\n');
  } finally {
    await run.cleanup();
  }
});

test('a root without systemd: the host\'s tool still works; "root" says the image has none', async () => {
  const bb = await busyboxRoot();
  try {
    const ok = await runStep({ systemd_firstboot: { keymap: 'us' } }, { plugins: [systemdFirstbootPlugin()], root: bb.path });
    assert.equal(ok.errors, []);
    assert.is(await readFile(join(bb.path, 'etc/vconsole.conf'), 'utf8'), 'KEYMAP=us\n');
    const none = await runStep(
      { systemd_firstboot: { keymap: 'de' } },
      { plugins: [systemdFirstbootPlugin({ offlineTool: 'root' })], root: bb.path },
    );
    assert.is(none.errors.length, 1);
    assert.match(none.errors[0]!.message, /systemd-firstboot is not installed in the target root/);
  } finally {
    await bb.cleanup();
  }
});

test('on the host: runs without --root (here with /etc under an overlay)', async () => {
  const before = await hostFiles();
  const run = await runOnIsolatedHost({
    stage: 'boot',
    plugins: [{ module: new URL('../src/index.ts', import.meta.url) }],
    yaml: 'stages:\n  boot:\n    - systemd_firstboot:\n        timezone: Europe/Madrid\n        force: "true"\n',
  });
  try {
    assert.equal(run.errors, []);
    const link = join(run.upper('/etc'), 'localtime');
    assert.ok((await lstat(link)).isSymbolicLink());
    assert.match(await readlink(link), /zoneinfo\/Europe\/Madrid$/);
  } finally {
    await run.cleanup();
  }
  assert.equal(await hostFiles(), before);
});

test.run();
