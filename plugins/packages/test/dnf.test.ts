// dnf for real: the Debian root's dnf and rpm (one rpm database under
// /var/lib/rpm), an rpm-md repository built by the test, and `rpm -q` to check.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import type { TempRoot } from '@yipts/test-fixtures';
import { VERSIONLOCK_LIST } from '../src/pins/dnf.js';
import {
  ANCHOR,
  PKG,
  addVersionlockPlugin,
  hostHas,
  installedFile,
  rpmVersion,
  rpmTestRoot,
  runSteps,
  assertUpgradeAloneRpm,
  assertMissingPackage,
  assertNothingLeaked,
  assertRefreshFails,
} from './helpers.js';

const test = suite('packages: dnf inside a root');
const DNF = { manager: 'dnf', version: rpmVersion };
let root: TempRoot;
const repoFile = () => join(root.path, 'etc/yum.repos.d/yipts-test.repo');
const useRepo = (dir: string, extra = '') =>
  writeFile(repoFile(), `[yipts-test]\nname=yipts-test\nbaseurl=file:///srv/${dir}\nenabled=1\ngpgcheck=0\nrepo_gpgcheck=0\n${extra}`);

test.before(async () => {
  root = await rpmTestRoot({ ID: 'fedora', VERSION_ID: '40' });
});

test.after(async () => {
  await root?.cleanup();
});

test('refresh + install: on disk and in the rpm database', async () => {
  await useRepo('repo-v1');
  const run = await runSteps(root.path, [{ name: 'install', packages: { refresh: true, install: [`${PKG} ${ANCHOR}`] } }]);
  assert.is(run.step('pkg.install').status, 'ok', run.errors('pkg.install'));
  assert.is(await rpmVersion(root.path, PKG), `${PKG}-1.0-1.noarch`);
  assert.is(await rpmVersion(root.path, ANCHOR), `${ANCHOR}-1.0-1.noarch`, 'an entry of two words is two packages, as in yip');
  assert.is(await installedFile(root.path), '1.0\n');
  assert.ok(run.logs.some((l) => l.message.includes('dnf -y --refresh makecache')));
  assert.not.ok(await hostHas(PKG));
});

test('remove: gone from disk and from the rpm database', async () => {
  const run = await runSteps(root.path, [{ name: 'remove', packages: { remove: [PKG] } }]);
  assert.is(run.step('pkg.remove').status, 'ok', run.errors('pkg.remove'));
  assert.is(await rpmVersion(root.path, PKG), undefined);
  assert.is(await installedFile(root.path), undefined);
  assert.is(await rpmVersion(root.path, ANCHOR), `${ANCHOR}-1.0-1.noarch`);
});

test('refresh + upgrade alone moves to the newer version', () => assertUpgradeAloneRpm(root.path, (dir) => useRepo(dir)));

test('package_pins without the versionlock plugin: the lock is written, with a warning that dnf ignores it', async () => {
  const run = await runSteps(root.path, [{ name: 'pin', package_pins: { [PKG]: '1.0' } }]);
  assert.is(run.step('pkg.pin').status, 'ok', run.errors('pkg.pin'));
  assert.is(await readFile(join(root.path, VERSIONLOCK_LIST), 'utf8'), `${PKG}-1.0-*\n`);
  assert.ok(run.logs.some((l) => l.level === 'warning' && l.message.includes('versionlock plugin is not installed')));
});

test('package_pins with the versionlock plugin: dnf installs the pinned version and does not upgrade it', async () => {
  await addVersionlockPlugin(root.path);
  await runSteps(root.path, [{ name: 'clean', packages: { remove: [PKG] } }]);
  const run = await runSteps(root.path, [
    { name: 'pin', package_pins: { [PKG]: '1.0' }, packages: { install: [PKG] } },
    { name: 'upgrade', packages: { upgrade: true } },
  ]);
  assert.is(run.step('pkg.pin').status, 'ok', run.errors('pkg.pin'));
  assert.is(run.step('pkg.upgrade').status, 'ok', run.errors('pkg.upgrade'));
  assert.not.ok(
    run.logs.some((l) => l.level === 'warning'),
    'the plugin is found',
  );
  assert.is(await rpmVersion(root.path, PKG), `${PKG}-1.0-1.noarch`, '2.0 is in the repository, the lock hides it');
  assert.is(await readFile(join(root.path, VERSIONLOCK_LIST), 'utf8'), `${PKG}-1.0-*\n`, 'pinned again: replaced, not doubled');
});

test('package_pins: a new pin replaces the lock and dnf follows it', async () => {
  const run = await runSteps(root.path, [{ name: 'repin', package_pins: { [PKG]: '2.0-1' }, packages: { upgrade: true } }]);
  assert.is(run.step('pkg.repin').status, 'ok', run.errors('pkg.repin'));
  assert.is(await rpmVersion(root.path, PKG), `${PKG}-2.0-1.noarch`);
  assert.is(await readFile(join(root.path, VERSIONLOCK_LIST), 'utf8'), `${PKG}-2.0-1.*\n`);
  await writeFile(join(root.path, VERSIONLOCK_LIST), '');
});

test('a package that does not exist: dnf own words, remove not run, the next step runs', async () => {
  const words = ['No match for argument: yipts-no-such-package'];
  await assertMissingPackage(root.path, { ...DNF, words, removes: ANCHOR, keeps: `${ANCHOR}-1.0-1.noarch` });
});

test('a broken repository (that may not be skipped): refresh fails, install is not attempted', async () => {
  await useRepo('no-such-repository', 'skip_if_unavailable=False\n');
  try {
    await assertRefreshFails(root.path, { ...DNF, words: ['yipts-test'] });
  } finally {
    await useRepo('repo-v2');
  }
});

test('dnf missing from the root: a clear error', async () => {
  const dnf = join(root.path, 'usr/bin/dnf');
  const saved = await readFile(dnf);
  await rm(dnf);
  try {
    const run = await runSteps(root.path, [{ name: 'nodnf', packages: { install: [PKG] } }]);
    assert.is(run.step('pkg.nodnf').status, 'failed');
    assert.match(run.errors('pkg.nodnf'), `dnf is not installed in the target root ${root.path} (dnf chosen by ID=fedora`);
  } finally {
    await writeFile(dnf, saved, { mode: 0o755 });
  }
});

test('nothing was mounted, nothing reached the host', () => assertNothingLeaked(root.path));

test.run();
