// Choosing the manager: the reference's table, ID before ID_LIKE, and clear
// errors; then the same through real os-release files in a directory root.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { tempDirs } from '@yipts/testing';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { detectManager, managerForId, managerForOsRelease } from '../src/detect.js';
import { findExecutable } from '@yipts/system';

/** Every root of this suite, removed when it ends. */
const roots = tempDirs('yipts-detect-');
test.after(() => roots.cleanup());

test('the reference table: every ID it names', () => {
  const table: Record<string, string> = {
    debian: 'apt',
    ubuntu: 'apt',
    fedora: 'dnf',
    rhel: 'dnf',
    centos: 'dnf',
    rocky: 'dnf',
    almalinux: 'dnf',
    ol: 'dnf',
    openEuler: 'dnf',
    'opensuse-leap': 'zypper',
    'opensuse-tumbleweed': 'zypper',
    'opensuse-microos': 'zypper',
    suse: 'zypper',
    alpine: 'apk',
    arch: 'pacman',
  };
  for (const [id, manager] of Object.entries(table)) assert.is(managerForId(id), manager, id);
  assert.is(managerForId('redhat'), 'dnf', 'yip accepts ID=redhat too');
  assert.is(managerForId('gentoo'), undefined);
  assert.is(managerForId('toString'), undefined, 'not fooled by Object.prototype');
});

test('ID wins over ID_LIKE; ID_LIKE words are tried in order', () => {
  assert.equal(managerForOsRelease({ ID: 'sles', ID_LIKE: 'suse' }), { manager: 'zypper', reason: 'ID_LIKE=suse' });
  assert.equal(managerForOsRelease({ ID: 'sle-micro', ID_LIKE: 'suse opensuse' }), { manager: 'zypper', reason: 'ID_LIKE=suse' });
  assert.equal(managerForOsRelease({ ID: 'kairos', ID_LIKE: 'whatever rhel fedora' }), { manager: 'dnf', reason: 'ID_LIKE=rhel' });
  assert.equal(managerForOsRelease({ ID: 'ubuntu', ID_LIKE: 'debian' }), { manager: 'apt', reason: 'ID=ubuntu' });
  assert.equal(managerForOsRelease({ ID: 'debian', ID_LIKE: 'arch' }), { manager: 'apt', reason: 'ID=debian' });
});

test('unknown and missing: errors that say what was found', () => {
  const unknown = managerForOsRelease({ ID: 'gentoo' });
  assert.instance(unknown, Error);
  assert.match((unknown as Error).message, 'ID="gentoo"');
  const withLike = managerForOsRelease({ ID: 'nixos', ID_LIKE: 'none' });
  assert.match((withLike as Error).message, 'ID="nixos" and ID_LIKE="none"');
  assert.match((managerForOsRelease({}) as Error).message, 'no ID in its os-release');
});

test('detectManager reads the root os-release, following its symlink inside the root', async () => {
  const root = await roots.make();
  await mkdir(join(root, 'usr/lib'), { recursive: true });
  await mkdir(join(root, 'etc'));
  await writeFile(join(root, 'usr/lib/os-release'), 'NAME="openSUSE Leap"\nID="opensuse-leap"\nID_LIKE="suse opensuse"\n');
  // Absolute, as distributions ship it: must resolve inside the root, not to the host's file.
  await symlink('/usr/lib/os-release', join(root, 'etc/os-release'));
  assert.equal(await detectManager(root), { manager: 'zypper', reason: 'ID=opensuse-leap' });
  await rm(join(root, 'etc/os-release'));
  await rm(join(root, 'usr/lib/os-release'));
  try {
    await detectManager(root);
    assert.unreachable('no os-release must throw');
  } catch (e) {
    assert.match((e as Error).message, `cannot tell which package manager the target root ${root} uses: no ID`);
  }
});

test('findExecutable looks inside the root, and only at executables', async () => {
  const root = await mkdtemp(join(tmpdir(), 'yipts-find-'));
  await mkdir(join(root, 'usr/bin'), { recursive: true });
  await writeFile(join(root, 'usr/bin/zypper'), '#!/bin/sh\n', { mode: 0o755 });
  await writeFile(join(root, 'usr/bin/dnf'), 'not executable', { mode: 0o644 });
  await mkdir(join(root, 'usr/bin/apk'));
  assert.is(await findExecutable(root, 'zypper', {}), '/usr/bin/zypper');
  assert.is(await findExecutable(root, 'dnf', {}), undefined);
  assert.is(await findExecutable(root, 'apk', {}), undefined, 'a directory is no program');
  assert.is(await findExecutable(root, 'sh', {}), undefined, 'the host sh does not count');
  assert.ok(await findExecutable('/', 'sh', { PATH: '/usr/bin:/bin' }), 'on the host, the caller PATH');
});

test.run();
