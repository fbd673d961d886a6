// zypper for real, in the Debian root (rpm database under /var/lib/rpm, no
// /etc/zypp/systemCheck: the fixture sees to both). ANCHOR stays installed
// throughout: zypper fails (exit 8, "Failed to cache rpm database") when a
// removal leaves rpm's database empty, which no real image ever does.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { access, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { inRoot } from '@yipts/test-fixtures';
import type { TempRoot } from '@yipts/test-fixtures';
import { ZYPP_LOCKS_FILE } from '../src/pins/zypper.js';
import {
  ANCHOR,
  PKG,
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

const test = suite('packages: zypper inside a root');
const ZYPPER = { manager: 'zypper', version: rpmVersion };
let root: TempRoot;
const repoFile = () => join(root.path, 'etc/zypp/repos.d/yipts-test.repo');
const useRepo = (dir: string) =>
  writeFile(repoFile(), `[yipts-test]\nname=yipts-test\nbaseurl=dir:///srv/${dir}\nenabled=1\nautorefresh=1\ngpgcheck=0\ntype=rpm-md\n`);

test.before(async () => {
  root = await rpmTestRoot({ ID: 'opensuse-leap', VERSION_ID: '15.6' });
});

test.after(async () => {
  await root?.cleanup();
});

test('the fixture root is ready for zypper', async () => {
  await assert.not.ok(
    await access(join(root.path, 'etc/zypp/systemCheck')).then(
      () => true,
      () => false,
    ),
    'systemCheck removed',
  );
  assert.match(await readFile(join(root.path, 'etc/rpm/macros'), 'utf8'), '%_dbpath /var/lib/rpm');
});

test('refresh + install: on disk and in the rpm database', async () => {
  await useRepo('repo-v1');
  const run = await runSteps(root.path, [{ name: 'install', packages: { refresh: true, install: [ANCHOR, PKG] } }]);
  assert.is(run.step('pkg.install').status, 'ok', run.errors('pkg.install'));
  assert.is(await rpmVersion(root.path, PKG), `${PKG}-1.0-1.noarch`);
  assert.is(await rpmVersion(root.path, ANCHOR), `${ANCHOR}-1.0-1.noarch`);
  assert.is(await installedFile(root.path), '1.0\n');
  assert.ok(run.logs.some((l) => l.message.includes(`zypper --non-interactive install -y --no-recommends ${ANCHOR} ${PKG}`)));
  assert.not.ok(await hostHas(PKG));
});

test('remove: gone from disk and from the rpm database', async () => {
  const run = await runSteps(root.path, [{ name: 'remove', packages: { remove: [PKG] } }]);
  assert.is(run.step('pkg.remove').status, 'ok', run.errors('pkg.remove'));
  assert.is(await rpmVersion(root.path, PKG), undefined);
  assert.is(await installedFile(root.path), undefined);
});

test('refresh + upgrade alone moves to the newer version', () => assertUpgradeAloneRpm(root.path, (dir) => useRepo(dir)));

test('package_pins: zypper installs the pinned version and does not upgrade it', async () => {
  await runSteps(root.path, [{ name: 'clean', packages: { remove: [PKG] } }]);
  try {
    const run = await runSteps(root.path, [
      { name: 'pin', package_pins: { [PKG]: '1.0' }, packages: { install: [PKG] } },
      { name: 'upgrade', packages: { refresh: true, upgrade: true } },
    ]);
    assert.is(run.step('pkg.pin').status, 'ok', run.errors('pkg.pin'));
    assert.is(run.step('pkg.upgrade').status, 'ok', run.errors('pkg.upgrade'));
    assert.is(await rpmVersion(root.path, PKG), `${PKG}-1.0-1.noarch`, '2.0 is offered, the locks keep it out');
    const locks = await inRoot(root.path, ['zypper', '--non-interactive', 'locks'], { mounts: false });
    assert.match(locks.stdout, `${PKG} < 1.0`, 'zypper itself reads the locks');
    assert.match(locks.stdout, `${PKG} > 1.0`);

    const repin = await runSteps(root.path, [{ name: 'repin', package_pins: { [PKG]: '2.0' }, packages: { upgrade: true } }]);
    assert.is(repin.step('pkg.repin').status, 'ok', repin.errors('pkg.repin'));
    assert.is(await rpmVersion(root.path, PKG), `${PKG}-2.0-1.noarch`, 'pinned to 2.0: the installed 1.0 moves up to it');
    const text = await readFile(join(root.path, ZYPP_LOCKS_FILE), 'utf8');
    assert.not.match(text, 'version: < 1.0');
    assert.match(text, 'version: < 2.0');
    assert.is(text.split(`solvable_name: ${PKG}\n`).length, 3, 'two locks, not four');
  } finally {
    await rm(join(root.path, ZYPP_LOCKS_FILE), { force: true });
  }
});

test('a package that does not exist: zypper own words, remove not run, the next step runs', async () => {
  // The failing step removes PKG, not ANCHOR: zypper needs rpm's database never to be emptied.
  await assertMissingPackage(root.path, { ...ZYPPER, words: ["'yipts-no-such-package' not found"], removes: PKG });
});

test('a broken repository: refresh fails, install is not attempted', async () => {
  const broken = join(root.path, 'etc/zypp/repos.d/broken.repo');
  await writeFile(
    broken,
    '[broken]\nname=broken\nbaseurl=dir:///srv/no-such-repository\nenabled=1\nautorefresh=1\ngpgcheck=0\ntype=rpm-md\n',
  );
  try {
    await assertRefreshFails(root.path, { ...ZYPPER, words: ["Skipping repository 'broken'"] });
  } finally {
    await rm(broken);
  }
});

test('nothing was mounted, nothing reached the host', () => assertNothingLeaked(root.path));

test.run();
