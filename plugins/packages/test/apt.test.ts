// apt-get for real: a Debian root made by debootstrap, a local repository of
// packages built by the test, and dpkg's own database to check the result.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { debianRoot, debRepo } from '@yipts/test-fixtures';
import type { TempRoot } from '@yipts/test-fixtures';
import { APT_PINS_FILE } from '../src/pins/apt.js';
import {
  ANCHOR,
  PKG,
  dpkgVersion,
  hostHas,
  installedFile,
  runSteps,
  setOsRelease,
  testDebs,
  assertMissingPackage,
  assertNothingLeaked,
  assertRefreshFails,
} from './helpers.js';

const test = suite('packages: apt-get inside a Debian root');
const APT = { manager: 'apt-get', version: dpkgVersion };
let root: TempRoot;
const sources = () => join(root.path, 'etc/apt/sources.list');
const useRepo = (dir: string) => writeFile(sources(), `deb [trusted=yes] file:/srv/${dir} ./\n`);

test.before(async () => {
  root = await debianRoot();
  const debs = await testDebs();
  await debRepo(join(root.path, 'srv/repo-v1'), [debs.v1, debs.anchor]);
  await debRepo(join(root.path, 'srv/repo-v2'), [debs.v1, debs.v2, debs.anchor]);
  await setOsRelease(root.path, { ID: 'debian', VERSION_ID: '12' });
});

test.after(async () => {
  await root?.cleanup();
});

test('refresh + install: the package is on disk and in dpkg database', async () => {
  await useRepo('repo-v1');
  const run = await runSteps(root.path, [{ name: 'install', packages: { refresh: true, install: [PKG, ANCHOR] } }]);
  assert.is(run.step('pkg.install').status, 'ok', run.errors('pkg.install'));
  assert.is(await dpkgVersion(root.path, PKG), '1.0');
  assert.is(await dpkgVersion(root.path, ANCHOR), '1.0');
  assert.is(await installedFile(root.path), '1.0\n');
  assert.ok(
    run.logs.some(
      (l) =>
        l.level === 'info' &&
        l.message.includes(
          `apt-get -y -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold --no-install-recommends install ${PKG} ${ANCHOR}`,
        ),
    ),
  );
  assert.not.ok(await hostHas(PKG), 'installed into the root, never on the host');
});

test('remove: gone from disk and from dpkg database', async () => {
  const run = await runSteps(root.path, [{ name: 'remove', packages: { remove: [PKG] } }]);
  assert.is(run.step('pkg.remove').status, 'ok', run.errors('pkg.remove'));
  assert.is(await dpkgVersion(root.path, PKG), undefined);
  assert.is(await installedFile(root.path), undefined);
  assert.is(await dpkgVersion(root.path, ANCHOR), '1.0', 'only what was named is removed');
});

test('refresh + upgrade alone moves the installed package to the newer version', async () => {
  let run = await runSteps(root.path, [{ name: 'again', packages: { install: [PKG] } }]);
  assert.is(await dpkgVersion(root.path, PKG), '1.0', run.errors('pkg.again'));
  await useRepo('repo-v2');
  run = await runSteps(root.path, [{ name: 'upgrade', packages: { refresh: true, upgrade: true } }]);
  assert.is(run.step('pkg.upgrade').status, 'ok', run.errors('pkg.upgrade'));
  assert.is(await dpkgVersion(root.path, PKG), '2.0');
  assert.is(await installedFile(root.path), '2.0\n');
});

test('package_pins: apt installs and keeps the pinned version while a newer one is offered', async () => {
  await runSteps(root.path, [{ name: 'clean', packages: { remove: [PKG] } }]);
  const run = await runSteps(root.path, [
    { name: 'pin', package_pins: { [PKG]: '1.0' }, packages: { install: [PKG] } },
    { name: 'upgrade', packages: { refresh: true, upgrade: true } },
  ]);
  assert.is(run.step('pkg.pin').status, 'ok', run.errors('pkg.pin'));
  assert.is(run.step('pkg.upgrade').status, 'ok', run.errors('pkg.upgrade'));
  assert.is(await dpkgVersion(root.path, PKG), '1.0', 'pinned: 2.0 is in the repository but not taken');
  const prefs = await readFile(join(root.path, APT_PINS_FILE), 'utf8');
  assert.match(prefs, `Package: ${PKG}\nPin: version 1.0\nPin-Priority: 1001\n`);
});

test('package_pins: a new pin replaces the old one and apt follows it', async () => {
  const run = await runSteps(root.path, [{ name: 'repin', package_pins: { [PKG]: '2.0', [ANCHOR]: '1.0' }, packages: { upgrade: true } }]);
  assert.is(run.step('pkg.repin').status, 'ok', run.errors('pkg.repin'));
  assert.is(await dpkgVersion(root.path, PKG), '2.0');
  const prefs = await readFile(join(root.path, APT_PINS_FILE), 'utf8');
  assert.not.match(prefs, `Package: ${PKG}\nPin: version 1.0`, 'the old stanza is gone');
  assert.match(prefs, `Package: ${PKG}\nPin: version 2.0\nPin-Priority: 1001`);
  assert.is(prefs.split(`Package: ${PKG}\n`).length, 2, 'one stanza per package');
  assert.match(prefs, `Package: ${ANCHOR}\nPin: version 1.0`);
  await rm(join(root.path, APT_PINS_FILE));
});

test('steps that run at the same time in one root take turns (apt would fail on its lock)', async () => {
  await runSteps(root.path, [{ name: 'clean', packages: { remove: [PKG, ANCHOR] } }]);
  const run = await runSteps(root.path, [
    { name: 'first', packages: {} },
    { name: 'a', after: [{ name: 'pkg.first' }], packages: { install: [PKG] } },
    { name: 'b', after: [{ name: 'pkg.first' }], packages: { install: [ANCHOR] } },
  ]);
  assert.equal(run.result.stages[0]?.layers, [['pkg.first'], ['pkg.a', 'pkg.b']], 'a and b are planned to run together');
  assert.is(run.step('pkg.a').status, 'ok', run.errors('pkg.a'));
  assert.is(run.step('pkg.b').status, 'ok', run.errors('pkg.b'));
  assert.is(await dpkgVersion(root.path, PKG), '2.0');
  assert.is(await dpkgVersion(root.path, ANCHOR), '1.0');
});

test('a package that does not exist: the step fails with apt-get own words, the rest of it is not run, the next step runs', async () => {
  const words = ['exited with status 100', 'Unable to locate package yipts-no-such-package'];
  const run = await assertMissingPackage(root.path, { ...APT, words, removes: ANCHOR, keeps: '1.0' });
  assert.is(run.step('pkg.missing').errors[0]?.stepId, 'pkg.missing');
});

test('a broken repository: refresh fails, install is not attempted', async () => {
  const broken = join(root.path, 'etc/apt/sources.list.d/broken.list');
  await mkdir(join(root.path, 'etc/apt/sources.list.d'), { recursive: true });
  await writeFile(broken, 'deb [trusted=yes] file:/srv/no-such-repository ./\n');
  try {
    await assertRefreshFails(root.path, { ...APT, words: ['/srv/no-such-repository'] });
  } finally {
    await rm(broken);
  }
});

test('the manager of the os-release is missing from the root: a clear error, and the next step still runs', async () => {
  await setOsRelease(root.path, { ID: 'alpine', VERSION_ID: '3.20' });
  try {
    const run = await runSteps(root.path, [
      { name: 'apk', packages: { install: ['vim'] } },
      { name: 'pin', package_pins: { vim: '9.1' } },
    ]);
    assert.is(run.step('pkg.apk').status, 'failed');
    assert.match(run.errors('pkg.apk'), `apk is not installed in the target root ${root.path} (apk chosen by ID=alpine`);
    assert.is(run.step('pkg.pin').status, 'ok', run.errors('pkg.pin'));
    assert.is(await readFile(join(root.path, 'etc/apk/world'), 'utf8'), 'vim=9.1\n');
  } finally {
    await rm(join(root.path, 'etc/apk'), { recursive: true });
    await setOsRelease(root.path, { ID: 'debian', VERSION_ID: '12' });
  }
});

test('an unknown distribution is an error naming its ID; the manager option overrides detection', async () => {
  await setOsRelease(root.path, { ID: 'gentoo', ID_LIKE: 'nothing-known' });
  try {
    let run = await runSteps(root.path, [{ name: 'unknown', packages: { install: [PKG] } }]);
    assert.is(run.step('pkg.unknown').status, 'failed');
    assert.match(run.errors('pkg.unknown'), 'has ID="gentoo" and ID_LIKE="nothing-known"');
    assert.match(run.errors('pkg.unknown'), '`manager` option');
    run = await runSteps(root.path, [{ name: 'forced', packages: { install: [PKG] } }], { options: { manager: 'apt' } });
    assert.is(run.step('pkg.forced').status, 'ok', run.errors('pkg.forced'));
    assert.is(await dpkgVersion(root.path, PKG), '2.0');
  } finally {
    await setOsRelease(root.path, { ID: 'debian', VERSION_ID: '12' });
  }
});

test('ID_LIKE finds the family of a derivative', async () => {
  await setOsRelease(root.path, { ID: 'linuxmint', ID_LIKE: 'ubuntu debian' });
  try {
    const run = await runSteps(root.path, [{ name: 'mint', packages: { remove: [PKG] } }]);
    assert.is(run.step('pkg.mint').status, 'ok', run.errors('pkg.mint'));
    assert.is(await dpkgVersion(root.path, PKG), undefined);
  } finally {
    await setOsRelease(root.path, { ID: 'debian', VERSION_ID: '12' });
  }
});

test('package names are templates', async () => {
  const render = {
    name: 'test-render',
    apply: (hooks: import('@yipts/core').Hooks) => {
      hooks.render.tap('test-render', (text: string) => text.replaceAll('{{ .Values.pkg }}', PKG));
    },
  };
  const run = await runSteps(root.path, [{ name: 'templated', packages: { install: ['{{ .Values.pkg }}'] } }], { plugins: [render] });
  assert.is(run.step('pkg.templated').status, 'ok', run.errors('pkg.templated'));
  assert.is(await dpkgVersion(root.path, PKG), '2.0');
});

test('nothing was mounted, nothing reached the host', () => assertNothingLeaked(root.path, [PKG, ANCHOR]));

test.run();
