/** The conditionals, each against a real root: skip when they fail, run otherwise, in yip's order. */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { definePlugin } from '@yipts/core';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { suiteBusyboxRoot } from '@yipts/test-fixtures';
import commandsPlugin from '@yipts/plugin-commands';
import filesPlugin from '@yipts/plugin-files';
import conditionalsPlugin, { PLUGIN_NAME } from '../src/index.js';
import { tempDirs } from '@yipts/testing';
import { rootWith, runStage } from './helpers.js';

const tmp = tempDirs('yipts-cond-');
const boxRoot = suiteBusyboxRoot(test, () => tmp.cleanup());

const GOARCH: Record<string, string> = { x64: 'amd64', arm64: 'arm64', arm: 'arm', ia32: '386' };
const OS_RELEASE = 'NAME="openSUSE Leap Micro"\nPRETTY_NAME="openSUSE Leap Micro 6.0"\nVERSION_ID="6.0"\nID=opensuse-leap-micro\n';

test('the plugin names itself and handles the seven conditionals, no action', () => {
  const p = conditionalsPlugin();
  assert.is(p.name, PLUGIN_NAME);
  assert.is(PLUGIN_NAME, 'conditionals');
  assert.equal(Object.keys(p.conditions ?? {}).sort(), [
    'if',
    'if_files',
    'node',
    'only_arch',
    'only_os',
    'only_os_version',
    'only_service_manager',
  ]);
  assert.is(p.actions, undefined);
});

test('node: an unanchored regexp against the host name', async () => {
  const host = hostname();
  const root = await rootWith(tmp, {});
  const part = host.slice(1, Math.max(2, host.length - 1)).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const { status, steps } = await runStage(
    `stages:\n  s:\n    - {name: exact, node: "^${host}$"}\n    - {name: part, node: "${part}"}\n    - {name: other, node: "^not-${host}$"}\n    - {name: upper, node: "(?i)^${host.toUpperCase()}$"}\n    - {name: empty, node: ""}\n`,
    root,
  );
  assert.equal(status, { exact: 'ok', part: 'ok', other: 'skipped', upper: 'ok', empty: 'ok' });
  assert.match(steps[2]!.skipReason!, `node \`${host}\` does not match`);
});

test('an invalid regexp fails the step with a message naming the pattern', async () => {
  const root = await rootWith(tmp, { 'etc/os-release': OS_RELEASE });
  const { status, steps } = await runStage('stages:\n  s:\n    - {name: bad, only_os: "Leap(("}\n    - {name: next}\n', root);
  assert.equal(status, { bad: 'failed', next: 'ok' });
  assert.match(steps[0]!.errors[0]!.reason, 'invalid regular expression `Leap((`');
  assert.equal([steps[0]!.errors[0]!.plugin, steps[0]!.errors[0]!.hook], ['conditionals', 'checkStep']);
});

test("only_os and only_os_version: regexps against PRETTY_NAME and VERSION_ID of the root's os-release, case-sensitive", async () => {
  const root = await rootWith(tmp, { 'etc/os-release': OS_RELEASE });
  const { status, steps } = await runStage(
    'stages:\n  s:\n    - {name: os, only_os: "Leap Micro"}\n    - {name: os-case, only_os: "leap micro"}\n    - {name: os-other, only_os: "Ubuntu|Fedora"}\n    - {name: os-alt, only_os: "Ubuntu|openSUSE"}\n    - {name: ver, only_os_version: "^6\\\\."}\n    - {name: ver-other, only_os_version: "^5"}\n    - {name: id-is-not-name, only_os: "opensuse-leap-micro"}\n',
    root,
  );
  assert.equal(status, {
    os: 'ok',
    'os-case': 'skipped',
    'os-other': 'skipped',
    'os-alt': 'ok',
    ver: 'ok',
    'ver-other': 'skipped',
    'id-is-not-name': 'skipped',
  });
  assert.match(steps[1]!.skipReason!, 'OS `openSUSE Leap Micro 6.0` does not match `leap micro`');
  assert.match(steps[5]!.skipReason!, 'OS version `6.0` does not match `^5`');
});

test('only_os in a root without os-release never matches a non-empty pattern', async () => {
  const root = await rootWith(tmp, {});
  const { status } = await runStage('stages:\n  s:\n    - {name: a, only_os: "."}\n    - {name: b, only_os: ".*"}\n', root);
  assert.equal(status, { a: 'skipped', b: 'ok' });
});

test('only_arch: Go architecture names', async () => {
  const arch = GOARCH[process.arch] ?? process.arch;
  const other = arch === 'amd64' ? 'arm64' : 'amd64';
  const root = await rootWith(tmp, {});
  const { status, steps } = await runStage(
    `stages:\n  s:\n    - {name: this, only_arch: "^${arch}$"}\n    - {name: other, only_arch: "^${other}$"}\n    - {name: x86_64-is-not-go, only_arch: "^x86_64$"}\n`,
    root,
  );
  assert.equal(status, { this: 'ok', other: 'skipped', 'x86_64-is-not-go': arch === 'amd64' ? 'skipped' : status['x86_64-is-not-go']! });
  assert.match(steps[1]!.skipReason!, `architecture \`${arch}\``);
});

test("only_service_manager: systemctl or openrc in the root's bin directories; both or neither skips", async () => {
  const yaml = 'stages:\n  s:\n    - {name: systemd, only_service_manager: systemd}\n    - {name: openrc, only_service_manager: openrc}\n';
  const systemd = await runStage(yaml, await rootWith(tmp, { 'usr/bin/systemctl': '' }));
  assert.equal(systemd.status, { systemd: 'ok', openrc: 'skipped' });
  assert.match(systemd.steps[1]!.skipReason!, 'service manager is systemd, not openrc');
  const openrc = await runStage(yaml, await rootWith(tmp, { 'sbin/openrc': '' }));
  assert.equal(openrc.status, { systemd: 'skipped', openrc: 'ok' });
  const both = await runStage(yaml, await rootWith(tmp, { 'bin/systemctl': '', 'usr/sbin/openrc': '' }));
  assert.equal(both.status, { systemd: 'skipped', openrc: 'skipped' });
  assert.match(both.steps[0]!.skipReason!, 'not known');
  const neither = await runStage(yaml, await rootWith(tmp, { 'usr/local/bin/systemctl': '' }));
  assert.equal(neither.status, { systemd: 'skipped', openrc: 'skipped' }, '/usr/local/bin is not looked at');
});

test('if_files: any, all and none, looked up inside the root (not on the host)', async () => {
  const root = await rootWith(tmp, { 'etc/a': '', 'etc/b': '' });
  const { status, steps } = await runStage(
    `stages:
  s:
    - {name: any-one, if_files: {any: [/etc/zzz, /etc/a]}}
    - {name: any-none, if_files: {any: [/etc/zzz, /etc/yyy]}}
    - {name: all-yes, if_files: {all: [/etc/a, /etc/b]}}
    - {name: all-no, if_files: {all: [/etc/a, /etc/zzz]}}
    - {name: none-yes, if_files: {none: [/etc/zzz]}}
    - {name: none-no, if_files: {none: [/etc/zzz, /etc/b]}}
    - {name: host-passwd, if_files: {all: [/etc/passwd]}}
    - {name: combined, if_files: {any: [/etc/a], all: [/etc/b], none: [/etc/c]}}
    - {name: empty, if_files: {}}
    - {name: typo, if_files: {al: [/etc/a]}}
`,
    root,
  );
  assert.equal(status, {
    'any-one': 'ok',
    'any-none': 'skipped',
    'all-yes': 'ok',
    'all-no': 'skipped',
    'none-yes': 'ok',
    'none-no': 'skipped',
    'host-passwd': 'skipped',
    combined: 'ok',
    empty: 'ok',
    typo: 'skipped',
  });
  assert.match(steps[3]!.skipReason!, 'if_files.all: /etc/zzz does not exist');
  assert.is(steps[9]!.skipReason, 'unknown if_files check type: al', 'an unknown check type skips, as in yip');
  assert.match(steps[5]!.skipReason!, 'if_files.none: /etc/b exists');
});

test('if: a shell snippet; a non-zero exit skips; it runs chrooted in the root', async () => {
  const root = boxRoot();
  const { status, steps } = await runStage(
    'stages:\n  s:\n    - {name: true, if: "true"}\n    - {name: false, if: "exit 3"}\n    - {name: in-root, if: "grep -q busybox /etc/os-release"}\n    - {name: pipeline, if: "cat /etc/hostname | grep -q busybox"}\n    - name: multi-line\n      if: |\n        [ -d /proc ] &&\n          [ -x /bin/busybox ]\n',
    root,
  );
  assert.equal(status, { true: 'ok', false: 'skipped', 'in-root': 'ok', pipeline: 'ok', 'multi-line': 'ok' });
  assert.is(steps[1]!.skipReason, 'if `exit 3` exited with status 3');
});

test('if: rendered as a template first; a timeout skips', async () => {
  const render = definePlugin({ name: 'r', apply: (hooks) => void hooks.render.tap('r', (text) => text.replace('{{ .Answer }}', '42')) });
  const { status, steps } = await runStage(
    'stages:\n  s:\n    - {name: templ, if: "[ {{ .Answer }} = 42 ]"}\n    - {name: slow, if: "sleep 30"}\n',
    '/',
    { plugins: [render], options: { timeoutMs: 300 } },
  );
  assert.equal(status, { templ: 'ok', slow: 'skipped' });
  assert.match(steps[1]!.skipReason!, 'timed out');
});

test("conditionals are checked in yip's order; the first failing one skips and the others are not run", async () => {
  const dir = await tmp.make();
  const marker = join(dir, 'if-ran');
  const { status } = await runStage(
    `stages:\n  s:\n    - {name: gated, node: "^no-such-host-at-all$", if: "touch ${marker}"}\n    - {name: reached, if: "touch ${marker}-2", only_arch: "^never$"}\n`,
    '/',
  );
  assert.equal(status, { gated: 'skipped', reached: 'skipped' });
  assert.not.ok(existsSync(marker), '`node` comes before `if`');
  assert.ok(existsSync(`${marker}-2`), '`if` comes before `only_arch`');
});

test('a skipped step runs no action; a step that passes runs them', async () => {
  const root = boxRoot();
  const { status } = await runStage(
    'stages:\n  s:\n    - {name: skip, if: "false", commands: ["touch /skipped"]}\n    - {name: run, if: "true", commands: ["touch /ran"]}\n',
    root,
    { plugins: [commandsPlugin()] },
  );
  assert.equal(status, { skip: 'skipped', run: 'ok' });
  assert.not.ok(existsSync(join(root, 'skipped')));
  assert.ok(existsSync(join(root, 'ran')));
});

test('conditionals are evaluated when the step runs: they see files, os-release and tools made by earlier steps', async () => {
  const root = boxRoot();
  const { status, result } = await runStage(
    `stages:
  s:
    - name: before
      if: test -f /etc/flag
      commands: [echo before > /etc/before]
    - name: facts-before
      only_os: busybox
      only_service_manager: openrc
    - name: make
      files:
        - {path: /etc/flag, content: "1"}
        - {path: /etc/os-release, content: "PRETTY_NAME=\\"Changed OS\\"\\nVERSION_ID=9\\n"}
        - {path: /sbin/openrc, content: "", permissions: 0755}
    - name: if-sees-it
      if: test -f /etc/flag
      commands: [echo after > /etc/after]
    - name: if-files-sees-it
      if_files: {all: [/etc/flag]}
    - name: only-os-sees-it
      only_os: Changed OS
    - name: only-os-version-sees-it
      only_os_version: ^9$
    - name: service-manager-sees-it
      only_service_manager: openrc
`,
    root,
    { plugins: [filesPlugin(), commandsPlugin()] },
  );
  assert.ok(result.ok, JSON.stringify(result.stages[0]!.steps.flatMap((s) => s.errors.map((e) => e.message))));
  assert.equal(status, {
    before: 'skipped',
    'facts-before': 'skipped',
    make: 'ok',
    'if-sees-it': 'ok',
    'if-files-sees-it': 'ok',
    'only-os-sees-it': 'ok',
    'only-os-version-sees-it': 'ok',
    'service-manager-sees-it': 'ok',
  });
  assert.not.ok(existsSync(join(root, 'etc/before')));
  assert.is(await readFile(join(root, 'etc/after'), 'utf8'), 'after\n');
});

test.run();
