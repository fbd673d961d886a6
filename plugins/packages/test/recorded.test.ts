// apk and pacman cannot be installed on the Debian test machines, nor dnf 5:
// their command lines are checked here against the reference with stand-in
// programs inside a real chroot (a busybox root) that record how they were
// called and fail on request. apt-get, dnf 4 and zypper run for real in
// apt.test.ts, dnf.test.ts and zypper.test.ts; the recording below only adds
// what those cannot see (the environment apt-get gets).
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { chmod, mkdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { busyboxRoot, findMountsUnder } from '@yipts/test-fixtures';
import type { TempRoot } from '@yipts/test-fixtures';
import { runSteps, setOsRelease } from './helpers.js';

const test = suite('packages: recorded command lines (apk, pacman, dnf5)');
let root: TempRoot;
const CALLS = 'var/log/calls';

// `exec sleep`: the stand-in itself must be what the timeout kills.
const STAND_IN = `#!/bin/sh
echo "$(basename "$0") $* [DEBIAN_FRONTEND=$DEBIAN_FRONTEND]" >>/${CALLS}
case "$*" in
  *yipts-fail*) echo "ERROR: unable to select packages: yipts-fail (no such package)"; exit 1 ;;
  *yipts-slow*) exec sleep 30 ;;
esac
exit 0
`;

async function standIn(path: string): Promise<void> {
  await mkdir(dirname(join(root.path, path)), { recursive: true });
  await writeFile(join(root.path, path), STAND_IN);
  await chmod(join(root.path, path), 0o755);
}

async function calls(): Promise<string[]> {
  const text = await readFile(join(root.path, CALLS), 'utf8').catch(() => '');
  await rm(join(root.path, CALLS), { force: true });
  return text
    .split('\n')
    .filter(Boolean)
    .map((l) => l.replace(' [DEBIAN_FRONTEND=]', ''));
}

// The machine's own DEBIAN_FRONTEND must not hide whether the plugin sets it.
const env = { ...process.env, DEBIAN_FRONTEND: undefined };
const everything = { refresh: true, upgrade: true, install: ['a', 'b'], remove: ['c'] };

test.before(async () => {
  root = await busyboxRoot();
  await standIn('sbin/apk');
  await standIn('usr/bin/pacman');
  await standIn('usr/bin/dnf5');
  await standIn('usr/bin/apt-get');
});

test.after(async () => {
  await root?.cleanup();
});

test('apk: the reference command lines, in order refresh, upgrade, install, remove', async () => {
  await setOsRelease(root.path, { ID: 'alpine' });
  const run = await runSteps(root.path, [{ name: 'all', packages: everything }], { env });
  assert.is(run.step('pkg.all').status, 'ok', run.errors('pkg.all'));
  assert.equal(await calls(), ['apk update', 'apk upgrade --no-cache', 'apk add --no-cache a b', 'apk del --no-cache c']);
});

test('apk: a failing install stops the step before remove; the output is in the error', async () => {
  const run = await runSteps(root.path, [{ name: 'fail', packages: { install: ['yipts-fail'], remove: ['c'] } }], { env });
  assert.is(run.step('pkg.fail').status, 'failed');
  assert.match(
    run.errors('pkg.fail'),
    'installing yipts-fail with apk failed (so remove was not run): `apk add --no-cache yipts-fail` exited with status 1; output:\n  ERROR: unable to select packages: yipts-fail (no such package)',
  );
  assert.equal(await calls(), ['apk add --no-cache yipts-fail']);
});

test('apk pins: name=version in /etc/apk/world, other entries kept, an older entry of the package replaced', async () => {
  await mkdir(join(root.path, 'etc/apk'), { recursive: true });
  await writeFile(join(root.path, 'etc/apk/world'), 'alpine-base\nfoo>1\nzlib\n');
  const run = await runSteps(root.path, [{ name: 'pin', package_pins: { foo: '1.2-r0', bar: '3' } }], { env });
  assert.is(run.step('pkg.pin').status, 'ok', run.errors('pkg.pin'));
  assert.is(await readFile(join(root.path, 'etc/apk/world'), 'utf8'), 'alpine-base\nbar=3\nfoo=1.2-r0\nzlib\n');
  assert.equal(await calls(), [], 'a file edit, no apk run');
});

test('pacman: the reference command lines, in order', async () => {
  await setOsRelease(root.path, { ID: 'arch' });
  const run = await runSteps(root.path, [{ name: 'all', packages: everything }], { env });
  assert.is(run.step('pkg.all').status, 'ok', run.errors('pkg.all'));
  assert.equal(await calls(), [
    'pacman -Sy --noconfirm',
    'pacman -Syu --noconfirm',
    'pacman -S --noconfirm a b',
    'pacman -R --noconfirm c',
  ]);
});

test('pacman pins: a clear "not supported" error; the step packages still run', async () => {
  await setOsRelease(root.path, { ID: 'manjaro', ID_LIKE: 'arch' });
  const run = await runSteps(root.path, [{ name: 'pin', package_pins: { linux: '6.6.1' }, packages: { install: ['a'] } }], { env });
  assert.is(run.step('pkg.pin').status, 'failed');
  assert.match(run.errors('pkg.pin'), 'package_pins is not supported with pacman');
  assert.match(run.errors('pkg.pin'), 'not pinned: linux=6.6.1');
  assert.equal(await calls(), ['pacman -S --noconfirm a'], 'found through ID_LIKE=arch');
});

test('timeout: a command that outlives it is stopped and reported', async () => {
  const started = performance.now();
  const run = await runSteps(root.path, [{ name: 'slow', packages: { install: ['yipts-slow'], remove: ['c'] } }], {
    env,
    options: { timeoutMs: 500 },
  });
  assert.ok(performance.now() - started < 10_000, 'did not wait for the 30 s command');
  assert.is(run.step('pkg.slow').status, 'failed');
  assert.match(run.errors('pkg.slow'), '`pacman -S --noconfirm yipts-slow` timed out');
  assert.equal(await calls(), ['pacman -S --noconfirm yipts-slow']);
});

test('dnf 5: pins go through `dnf5 versionlock`, an earlier lock of the package dropped first', async () => {
  await setOsRelease(root.path, { ID: 'fedora', VERSION_ID: '41' });
  await symlink('dnf5', join(root.path, 'usr/bin/dnf'));
  const run = await runSteps(root.path, [{ name: 'pin', package_pins: { kernel: '6.11.4-301.fc41' } }], { env });
  assert.is(run.step('pkg.pin').status, 'ok', run.errors('pkg.pin'));
  assert.equal(await calls(), ['dnf5 versionlock delete kernel', 'dnf5 versionlock add kernel-6.11.4-301.fc41']);
});

test('dnf 4 with a dnf5 beside it: pins go to the versionlock list dnf 4 reads', async () => {
  await rm(join(root.path, 'usr/bin/dnf'));
  await standIn('usr/bin/dnf');
  const run = await runSteps(root.path, [{ name: 'pin', package_pins: { kernel: '6.8.5' } }], { env });
  assert.is(run.step('pkg.pin').status, 'ok', run.errors('pkg.pin'));
  assert.equal(await calls(), []);
  assert.is(await readFile(join(root.path, 'etc/dnf/plugins/versionlock.list'), 'utf8'), 'kernel-6.8.5-*\n');
  assert.match(await readFile(join(root.path, 'etc/dnf/plugins/versionlock.conf'), 'utf8'), 'locklist = /etc/dnf/plugins/versionlock.list');
  assert.ok(run.logs.some((l) => l.level === 'warning' && l.message.includes('versionlock plugin is not installed')));
});

test('apt-get runs with DEBIAN_FRONTEND=noninteractive and never asks about configuration files', async () => {
  await setOsRelease(root.path, { ID: 'ubuntu' });
  const run = await runSteps(root.path, [{ name: 'all', packages: everything }], { env: { ...env, DEBIAN_FRONTEND: 'dialog' } });
  assert.is(run.step('pkg.all').status, 'ok', run.errors('pkg.all'));
  const opts = '-o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold';
  assert.equal(await calls(), [
    'apt-get -y update [DEBIAN_FRONTEND=noninteractive]',
    `apt-get -y ${opts} upgrade [DEBIAN_FRONTEND=noninteractive]`,
    `apt-get -y ${opts} --no-install-recommends install a b [DEBIAN_FRONTEND=noninteractive]`,
    `apt-get -y ${opts} remove c [DEBIAN_FRONTEND=noninteractive]`,
  ]);
});

test('an empty packages block runs nothing and needs no os-release', async () => {
  await rm(join(root.path, 'etc/os-release'));
  const run = await runSteps(root.path, [{ name: 'empty', packages: { install: [], remove: [''], refresh: false } }], { env });
  assert.is(run.step('pkg.empty').status, 'ok', run.errors('pkg.empty'));
  assert.equal(await calls(), []);
});

test('no mounts left', async () => {
  assert.equal(await findMountsUnder(root.path), []);
});

test.run();
