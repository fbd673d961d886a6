// The text each pin writer produces from the current file, and the options
// and name checks: pure functions, checked against the formats apt, zypp,
// apk and dnf's versionlock read (the real managers read them in the
// apt/dnf/zypper tests).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdir, mkdtemp, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { invalidPinPart, packageWords } from '../src/names.js';
import { resolveOptions, DEFAULT_TIMEOUT_MS } from '../src/options.js';
import { apkWorld } from '../src/pins/apk.js';
import { aptPreferences } from '../src/pins/apt.js';
import { lockPattern, locksPackage, parseVersionlockConf, versionlockList } from '../src/pins/dnf.js';
import { editRootFile } from '../src/pins/root-file.js';
import { zyppLocks } from '../src/pins/zypper.js';
import { planPackages } from '../src/run-packages.js';
import { planPins } from '../src/run-pins.js';

const same = (t: string) => t;

test('apt: stanzas replaced by package (with their own comments), other stanzas and comments kept', () => {
  const current =
    '# mine\n\n# about foo\nPackage: foo\nPin: version 1.0\nPin-Priority: 1001\n\nPackage: bar\nPin: release a=stable\nPin-Priority: 900\n';
  const next = aptPreferences(current, [{ name: 'foo', version: '2.*' }]);
  assert.is(
    next,
    '# mine\n\nPackage: bar\nPin: release a=stable\nPin-Priority: 900\n\nPackage: foo\nPin: version 2.*\nPin-Priority: 1001\n',
  );
  assert.match(
    aptPreferences(undefined, [{ name: 'a', version: '1' }]),
    /^# package_pins: .*\n\nPackage: a\nPin: version 1\nPin-Priority: 1001\n$/,
  );
});

test('zypper: two locks per pin on versions not installed; other locks kept', () => {
  const other = 'type: package\nmatch_type: glob\ncase_sensitive: on\nsolvable_name: kernel*';
  const old = 'type: package\nmatch_type: glob\nsolvable_name: foo\nversion: = 1.0';
  const next = zyppLocks(`${other}\n\n\n${old}\n`, [{ name: 'foo', version: '2.0' }]);
  const expected = (op: string) =>
    `type: package\nmatch_type: exact\ncase_sensitive: on\ninstall_status: not-installed\nsolvable_name: foo\nversion: ${op} 2.0`;
  assert.is(next, `${other}\n\n${expected('<')}\n\n${expected('>')}\n`);
});

test('apk: world entries replaced by name, whatever their operator; sorted; no comments', () => {
  assert.is(
    apkWorld('busybox foo~1 !bar baz@edge\n', [
      { name: 'foo', version: '2' },
      { name: 'bar', version: '1' },
    ]),
    'bar=1\nbaz@edge\nbusybox\nfoo=2\n',
  );
  assert.is(apkWorld(undefined, [{ name: 'x', version: '1' }]), 'x=1\n');
});

test('dnf: lock patterns, which lines belong to a package, list edits', () => {
  assert.is(lockPattern({ name: 'foo', version: '1.0' }), 'foo-1.0-*');
  assert.is(lockPattern({ name: 'foo', version: '1.0-3.fc40' }), 'foo-1.0-3.fc40.*');
  assert.is(lockPattern({ name: 'foo', version: '2:1.0' }), 'foo-2:1.0-*');
  assert.ok(locksPackage('foo-0:1.0-1.fc40.*', 'foo'));
  assert.ok(locksPackage('!foo-1.0-*', 'foo'));
  assert.ok(locksPackage('foo', 'foo'));
  assert.not.ok(locksPackage('foo-bar-0:1.0-1.*', 'foo'), 'another package whose name starts the same');
  assert.ok(locksPackage('foo-bar-0:1.0-1.*', 'foo-bar'));
  assert.is(versionlockList('# kept\nfoo-0:1.0-1.*\nbar-1-*\n', [{ name: 'foo', version: '2' }]), '# kept\nbar-1-*\nfoo-2-*\n');
  assert.is(versionlockList('', [{ name: 'foo', version: '2' }]), 'foo-2-*\n');
});

test('dnf: versionlock.conf read for `enabled` and `locklist`', () => {
  assert.equal(parseVersionlockConf(undefined), { exists: false, enabled: true, locklist: '/etc/dnf/plugins/versionlock.list' });
  assert.equal(parseVersionlockConf('[main]\nenabled = 0\nlocklist = /etc/dnf/locks.list\n'), {
    exists: true,
    enabled: false,
    locklist: '/etc/dnf/locks.list',
  });
  assert.equal(parseVersionlockConf('[main]\nenabled=1\n'), { exists: true, enabled: true, locklist: '/etc/dnf/plugins/versionlock.list' });
});

test('pins are templated, sorted, and checked before anything is written', () => {
  const render = (t: string) => t.replace('{{ .v }}', '1.2');
  const { pins, errors } = planPins({ zz: '{{ .v }}', aa: '3', 'b c': '1', d: '', e: 'x\ny', 'f>=1': '2' }, render);
  assert.equal(pins, [
    { name: 'aa', version: '3' },
    { name: 'zz', version: '1.2' },
  ]);
  assert.equal(
    errors.map((e) => e.message),
    [
      'cannot pin "b c": name "b c" contains whitespace',
      'cannot pin "d": empty version',
      'cannot pin "e": version "x\\ny" contains whitespace',
      'cannot pin "f>=1": name "f>=1" contains a version operator; write the version as the value',
    ],
  );
  assert.is(invalidPinPart('name', '-rf'), 'name "-rf" starts with "-"');
});

test('packages: phases in fixed order, names templated and split on whitespace, empty entries dropped', () => {
  const render = (t: string) => t.replace('{{ .editor }}', 'vim');
  assert.equal(planPackages({ remove: ['x'], install: ['{{ .editor }} curl', ''], upgrade: true, refresh: true }, render), [
    { phase: 'refresh', packages: [] },
    { phase: 'upgrade', packages: [] },
    { phase: 'install', packages: ['vim', 'curl'] },
    { phase: 'remove', packages: ['x'] },
  ]);
  assert.equal(planPackages({ upgrade: true }, same), [{ phase: 'upgrade', packages: [] }], 'upgrade alone upgrades');
  assert.equal(planPackages({ install: ['  '], refresh: false }, same), []);
  assert.equal(packageWords(['a\tb', 'c'], same), ['a', 'b', 'c']);
});

test('options: checked when the plugin is made', () => {
  assert.equal(resolveOptions({}), { manager: undefined, timeoutMs: DEFAULT_TIMEOUT_MS });
  assert.equal(resolveOptions({ manager: 'zypper', timeoutMs: 0 }), { manager: 'zypper', timeoutMs: 0 });
  assert.throws(() => resolveOptions({ manager: 'yum' as never }), /unknown manager "yum"; expected one of apt, dnf, zypper, apk, pacman/);
  assert.throws(() => resolveOptions({ timeoutMs: -1 }), /timeoutMs must be/);
});

test('pin files: written inside the root even through an absolute symlink, mode and content kept', async () => {
  const root = await mkdtemp(join(tmpdir(), 'yipts-pinfile-'));
  const outside = await mkdtemp(join(tmpdir(), 'yipts-outside-'));
  try {
    await mkdir(join(root, 'etc/apt'), { recursive: true });
    // Inside the root this means <root>/<outside>; a naive join would write into the host's dir.
    await symlink(outside, join(root, 'etc/apt/preferences.d'));
    await editRootFile(root, '/etc/apt/preferences.d/99-yip-pins', () => 'x\n');
    assert.is(await readFile(join(root, outside, '99-yip-pins'), 'utf8'), 'x\n');
    assert.is(await readFile(join(outside, '99-yip-pins'), 'utf8').catch(() => 'absent'), 'absent', 'nothing written outside the root');
    assert.is((await stat(join(root, outside, '99-yip-pins'))).mode & 0o777, 0o644);
    await mkdir(join(root, 'etc/apk'));
    await writeFile(join(root, 'etc/apk/world'), 'a\n', { mode: 0o600 });
    await editRootFile(root, '/etc/apk/world', (t) => `${t}b\n`);
    assert.is(await readFile(join(root, 'etc/apk/world'), 'utf8'), 'a\nb\n');
    assert.is((await stat(join(root, 'etc/apk/world'))).mode & 0o777, 0o600, 'an existing file keeps its mode');
  } finally {
    await rm(root, { recursive: true, force: true });
    await rm(outside, { recursive: true, force: true });
  }
});

test.run();
