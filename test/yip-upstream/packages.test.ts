// yip's package tests (pkg/plugins/packages_test.go). yip records the command lines; apk, pacman,
// dnf and zypper cannot run on this machine, so stand-ins inside a busybox root record them (the
// packages plugin's own tests run apt-get, dnf and zypper for real).
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { busyboxRoot } from '../fixtures/index.js';
import type { TempRoot } from '../fixtures/index.js';
import { removeTempDirs } from '../helpers/tmp.js';
import { recordedCalls, runSteps, standIns } from './support.js';

const test = suite('yip upstream: packages');
let box: TempRoot;
let log: string;
test.before(async () => {
  box = await busyboxRoot();
  log = join(box.path, 'var/log/calls');
  await standIns(box.path, ['usr/bin/apt-get', 'usr/bin/dnf', 'sbin/apk', 'usr/bin/zypper', 'usr/bin/pacman'], '/var/log/calls');
});
test.after(async () => {
  await box?.cleanup();
  removeTempDirs();
});

async function packages(osRelease: string | undefined, spec: string): Promise<{ code: number | null; stderr: string; calls: string[] }> {
  if (osRelease === undefined) rmSync(join(box.path, 'etc/os-release'), { force: true });
  else writeFileSync(join(box.path, 'etc/os-release'), osRelease);
  const r = await runSteps(box.path, `    - packages: ${spec}\n`);
  return { code: r.code, stderr: r.stderr, calls: await recordedCalls(log) };
}

// apt-get, dnf and zypper differ from yip on purpose (README, Compatibility: package managers
// stopping at a question): dpkg keeps changed config files, zypper never asks, dnf refreshes.
const DPKG = '-o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold';
const APT = ['update', `${DPKG} upgrade`, `${DPKG} --no-install-recommends install foo bar`, `${DPKG} remove baz qux`].map(
  (c) => `apt-get -y ${c}`,
);
const DNF = ['--refresh makecache', 'upgrade', '--setopt=install_weak_deps=False install foo bar', 'remove baz qux'].map(
  (c) => `dnf -y ${c}`,
);
const ZYPPER = ['refresh', 'update -y', 'install -y --no-recommends foo bar', 'remove -y baz qux'].map(
  (c) => `zypper --non-interactive ${c}`,
);
// apk and pacman: yip's command lines exactly.
const APK = ['apk update', 'apk upgrade --no-cache', 'apk add --no-cache foo bar', 'apk del --no-cache baz qux'];
const PACMAN = ['pacman -Sy --noconfirm', 'pacman -Syu --noconfirm', 'pacman -S --noconfirm foo bar', 'pacman -R --noconfirm baz qux'];

// packages_test.go, "execute proper install commands"
test('execute proper install commands', async () => {
  const { code, calls, stderr } = await packages('ID=debian\nVERSION=10\n', '{install: [foo, bar], remove: [baz, qux], refresh: true}');
  assert.is(code, 0, stderr);
  assert.equal(calls, [APT[0], APT[2], APT[3]]);
});

// packages_test.go, "execute proper install commands for different OS"
test('execute proper install commands for different OS', async () => {
  const cases: [string, string[]][] = [
    ['ID=debian\nVERSION=10\n', APT],
    ['ID=debian\nVERSION=11\n', APT],
    ['ID=ubuntu\nVERSION=20.04\n', APT],
    ['ID=centos\nVERSION=8\n', DNF],
    ['ID=fedora\nVERSION=34\n', DNF],
    ['ID="openEuler"\nVERSION="22.03 (LTS-SP4)"\n', DNF],
    ['ID=ol\nVERSION=8.7\n', DNF],
    ['ID=alpine\nVERSION=3.14\n', APK],
    ['ID=opensuse-leap\nVERSION=15.3\n', ZYPPER],
    ['ID=arch\nVERSION=rolling\n', PACMAN],
    ['ID=sle-micro\nID_LIKE=suse\nVERSION=5.4\n', ZYPPER],
  ];
  for (const [osRelease, expected] of cases) {
    const { code, calls, stderr } = await packages(osRelease, '{install: [foo, bar], remove: [baz, qux], refresh: true, upgrade: true}');
    assert.is(code, 0, stderr);
    assert.equal(calls, expected, osRelease);
  }
});

// packages_test.go, "fails if it cant identify the systems package manager"
test('fails if it cant identify the systems package manager', async () => {
  const { code, calls, stderr } = await packages(undefined, '{install: [foo, bar], remove: [baz, qux], refresh: true}');
  assert.is(code, 1);
  assert.equal(calls, []);
  assert.match(stderr, 'cannot tell which package manager', 'the error says why, where yip said "unknown package manager"');
});

test.run();
