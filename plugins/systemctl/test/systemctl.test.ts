import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { chmod, readFile, readlink, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { debianRoot, pathExists } from '@yipts/test-fixtures';
import type { TempRoot } from '@yipts/test-fixtures';
import systemctlPlugin, { overridePath, unitName } from '../src/index.js';
import { runOnIsolatedHost, runStep, runYaml, tempDirs } from '@yipts/testing';

/** Every root of this suite, removed when it ends. */
const roots = tempDirs('yipts-fake-systemctl-');
test.after(() => roots.cleanup());

let debian: TempRoot;
const etc = (...p: string[]) => join(debian.path, 'etc/systemd/system', ...p);
test.before(async () => {
  debian = await debianRoot();
});

test.after(async () => {
  await debian?.cleanup();
});

test('names: a unit without a type is a service; override files end in .conf; escapes refused', () => {
  assert.is(unitName('sshd'), 'sshd.service');
  assert.is(unitName('getty@tty1'), 'getty@tty1.service');
  assert.is(unitName('logrotate.timer'), 'logrotate.timer');
  assert.is(unitName('foo.bar'), 'foo.bar.service');
  assert.is(overridePath('systemd-tpm2-setup', 'efi-rw.conf'), '/etc/systemd/system/systemd-tpm2-setup.service.d/efi-rw.conf');
  assert.is(overridePath('foo.socket', undefined), '/etc/systemd/system/foo.socket.d/override-yip.conf');
  assert.is(overridePath('foo', 'limits'), '/etc/systemd/system/foo.service.d/limits.conf');
  assert.throws(() => overridePath('../../../etc/passwd', 'x'), /not a valid unit or file name/);
  assert.throws(() => overridePath('foo', '../../x.conf'), /not a valid unit or file name/);
});

test('in a Debian root: overrides written, units enabled, disabled and masked with systemctl --root; start skipped', async () => {
  assert.ok(await pathExists(etc('multi-user.target.wants/e2scrub_reap.service')), 'the root enables e2scrub_reap to begin with');
  const yaml = [
    'stages:',
    '  after-install-chroot:',
    '    - systemctl:',
    '        enable: [systemd-networkd, getty@tty2]',
    '        disable: [e2scrub_reap]',
    '        mask: [purge-kernels, systemd-machine-id-commit.service]',
    '        start: [systemd-networkd]',
    '        overrides:',
    '          - service: systemd-networkd',
    '            name: restart',
    '            content: |',
    '              [Service]',
    '              Restart=always',
    '          - service: systemd-tpm2-setup',
    '            content: "[Service]\\nExecStartPre=mount -o remount,rw /efi\\n"',
    '          - service: ""',
    '            content: "ignored"',
    '',
  ].join('\n');
  const run = await runYaml(yaml, { plugins: [systemctlPlugin()], root: debian.path, stage: 'after-install-chroot' });
  assert.equal(run.errors, []);

  assert.is(await readlink(etc('multi-user.target.wants/systemd-networkd.service')), '/lib/systemd/system/systemd-networkd.service');
  assert.is(await readlink(etc('getty.target.wants/getty@tty2.service')), '/lib/systemd/system/getty@.service');
  assert.not.ok(await pathExists(etc('multi-user.target.wants/e2scrub_reap.service')), 'disabled');
  assert.is(await readlink(etc('purge-kernels.service')), '/dev/null');
  assert.is(await readlink(etc('systemd-machine-id-commit.service')), '/dev/null');

  assert.is(await readFile(etc('systemd-networkd.service.d/restart.conf'), 'utf8'), '[Service]\nRestart=always\n');
  assert.is(
    await readFile(etc('systemd-tpm2-setup.service.d/override-yip.conf'), 'utf8'),
    '[Service]\nExecStartPre=mount -o remount,rw /efi\n',
  );
  assert.is((await stat(etc('systemd-networkd.service.d/restart.conf'))).mode & 0o777, 0o644);

  const warnings = run.logs.filter((l) => l.level === 'warning').map((l) => l.message);
  assert.ok(
    warnings.some((w) => /start of systemd-networkd skipped: the target root is not the running system/.test(w)),
    warnings.join('\n'),
  );
  assert.ok(
    warnings.some((w) => /an override has no `service`/.test(w)),
    warnings.join('\n'),
  );
});

test('an unknown unit is an error naming it; the other units of the step are still handled', async () => {
  const run = await runStep(
    { systemctl: { enable: ['yipts-no-such-unit', 'systemd-sysext'], disable: ['NetworkManager'] } },
    { plugins: [systemctlPlugin()], root: debian.path },
  );
  assert.is(run.errors.length, 1);
  assert.match(run.errors[0]!.message, /systemctl --root=\S+ enable yipts-no-such-unit` exited with status 1/);
  assert.match(run.errors[0]!.message, /yipts-no-such-unit\.service does not exist/);
  assert.is(await readlink(etc('sysinit.target.wants/systemd-sysext.service')), '/lib/systemd/system/systemd-sysext.service');
});

test('a unit name that is an option is refused', async () => {
  const run = await runStep({ systemctl: { mask: ['--root=/'] } }, { plugins: [systemctlPlugin()], root: debian.path });
  assert.is(run.errors.length, 1);
  assert.match(run.errors[0]!.message, /`--root=\/` is not a unit name/);
});

test('offlineTool "root": the image\'s own systemctl, chrooted, acts offline too', async () => {
  const run = await runStep(
    { systemctl: { enable: ['systemd-networkd-wait-online'], mask: ['apt-daily.timer'] } },
    { plugins: [systemctlPlugin({ offlineTool: 'root' })], root: debian.path },
  );
  assert.equal(run.errors, []);
  assert.is(
    await readlink(etc('network-online.target.wants/systemd-networkd-wait-online.service')),
    '/lib/systemd/system/systemd-networkd-wait-online.service',
  );
  assert.is(await readlink(etc('apt-daily.timer')), '/dev/null');
});

test('on the host with systemd running: overrides first, then daemon-reload, then enable, disable, mask, start', async () => {
  const bin = await roots.make();
  const log = join(bin, 'calls.log');
  const dropin = '/etc/systemd/system/yipts-demo.service.d/override-yip.conf';
  // Records each call and whether the override was on disk at that moment.
  await writeFile(
    join(bin, 'systemctl'),
    `#!/bin/sh\nif [ -f ${dropin} ]; then o=with-override; else o=no-override; fi\necho "$* $o" >> ${log}\n`,
  );
  await chmod(join(bin, 'systemctl'), 0o755);
  const yaml = [
    'stages:',
    '  boot:',
    '    - systemctl:',
    '        start: [yipts-demo]',
    '        mask: [yipts-c]',
    '        disable: [yipts-b]',
    '        enable: [yipts-a]',
    '        overrides:',
    '          - service: yipts-demo',
    '            content: "[Service]\\nEnvironment=X=1\\n"',
    '',
  ].join('\n');
  const run = await runOnIsolatedHost(
    {
      stage: 'boot',
      plugins: [{ module: new URL('../src/index.ts', import.meta.url) }],
      yaml,
      env: { PATH: `${bin}:/usr/sbin:/usr/bin:/sbin:/bin` },
    },
    { overlays: ['/etc'], tmpfs: ['/run'], setup: 'mkdir -p /run/systemd/system' },
  );
  try {
    assert.equal(run.errors, []);
    const calls = (await readFile(log, 'utf8')).trimEnd().split('\n');
    assert.equal(calls, [
      'daemon-reload with-override',
      'enable yipts-a with-override',
      'disable yipts-b with-override',
      'mask yipts-c with-override',
      'start yipts-demo with-override',
    ]);
    assert.is(
      await readFile(join(run.upper('/etc'), 'systemd/system/yipts-demo.service.d/override-yip.conf'), 'utf8'),
      '[Service]\nEnvironment=X=1\n',
    );
  } finally {
    await run.cleanup();
  }
});

test('on the host without systemd as init: the real systemctl enables offline, no reload, start fails clearly', async () => {
  const run = await runOnIsolatedHost({
    stage: 'boot',
    plugins: [{ module: new URL('../src/index.ts', import.meta.url) }],
    yaml: 'stages:\n  boot:\n    - systemctl:\n        enable: [systemd-networkd]\n        start: [systemd-networkd]\n        overrides:\n          - service: systemd-networkd\n            content: "[Service]\\nRestart=always\\n"\n',
    env: { PATH: '/usr/sbin:/usr/bin:/sbin:/bin' },
  });
  try {
    const { errors } = run;
    assert.is(errors.length, 1, errors.join('\n'));
    assert.match(errors[0]!, /systemctl start systemd-networkd` exited with status 1/);
    assert.ok(!errors[0]!.includes('daemon-reload'));
    const wants = join(run.upper('/etc'), 'systemd/system/multi-user.target.wants/systemd-networkd.service');
    assert.is(await readlink(wants), '/lib/systemd/system/systemd-networkd.service');
    assert.ok(run.logs.some((l) => /no daemon-reload needed/.test(l.message)));
  } finally {
    await run.cleanup();
  }
  assert.not.ok(await pathExists('/etc/systemd/system/systemd-networkd.service.d/override-yip.conf'), 'the host is untouched');
});

test.run();
