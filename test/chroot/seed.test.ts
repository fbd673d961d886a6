// The seed's story, end to end through the real command line: a user drops install.yaml into
// /oem (or /usr/local/cloud-config), the upgrade runs `yip run-stage after-upgrade-chroot
// --root NEWROOT`, and the steps run inside NEWROOT with the partitions mounted where the
// chroot expects them. Afterwards nothing is mounted anywhere and the partitions are intact.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findMountsUnder, readFileFromImage, run, safeRemove, withCleanup } from '../fixtures/index.js';
import { yip } from './cli.js';
import { mountsLeftUnder, scene } from './scene.js';

const STAGE = 'after-upgrade-chroot';

// The seed's install.yaml, with commands a busybox image can run: an "install" that leaves its
// marks in the image (a user in /etc/passwd, a payload copied from the OEM partition).
const INSTALL_YAML = `name: "Install something"
stages:
  ${STAGE}:
    - name: vim
      files:
        - path: /etc/motd
          content: "upgraded with vim\\n"
          permissions: 0644
      commands:
        - echo 'vimuser:x:1001:1001::/nonexistent:/bin/false' >> /etc/passwd
        - mkdir -p /opt/vim && cp /oem/vim.txt /opt/vim/ && ls /oem > /opt/vim/oem-listing
`;

const runStage = (root: string, config: string, ...more: string[]) =>
  yip(['run-stage', '--no-cmdline', '--config', config, '--root', root, ...more, STAGE], { env: { LOGLEVEL: 'debug' } });

test('install.yaml on COS_OEM: after-upgrade-chroot runs inside NEWROOT, nothing stays mounted, the partition is intact', () =>
  withCleanup(async (defer) => {
    const s = await scene(defer, { oem: { 'install.yaml': INSTALL_YAML, 'vim.txt': 'vim payload\n' } });
    const root = s.root.path;
    const hostPasswd = await readFile('/etc/passwd', 'utf8');

    const r = await runStage(root, s.config);
    assert.is(r.code, 0, r.stderr);
    assert.match(r.stderr, `mounted COS_OEM (${s.oem!.device}) at /oem`);
    // The file step and the commands ran inside NEWROOT...
    assert.is(await readFile(join(root, 'etc/motd'), 'utf8'), 'upgraded with vim\n');
    assert.match(await readFile(join(root, 'etc/passwd'), 'utf8'), /^vimuser:/m);
    assert.is(await readFile(join(root, 'opt/vim/vim.txt'), 'utf8'), 'vim payload\n');
    assert.is(await readFile(join(root, 'opt/vim/oem-listing'), 'utf8'), 'install.yaml\nlost+found\nvim.txt\n');
    // ...not on the host.
    assert.is(await readFile('/etc/passwd', 'utf8'), hostPasswd);
    assert.not.ok(existsSync('/opt/vim/oem-listing'));

    assert.equal(await mountsLeftUnder(root), []);
    assert.not.ok(existsSync(join(root, 'oem')), 'the mount point made for the run is gone');
    assert.is(await readFileFromImage(s.oem!.image, '/install.yaml'), INSTALL_YAML);
    assert.is(await readFileFromImage(s.oem!.image, '/vim.txt'), 'vim payload\n');
    await run('e2fsck', ['-n', '-f', s.oem!.image]); // detached or not, the filesystem is clean
  }));

test('the same config in COS_PERSISTENT cloud-config/, with .before and .after around the stage', () =>
  withCleanup(async (defer) => {
    const yaml = `stages:
  ${STAGE}.before:
    - commands: ["echo before >> /order"]
  ${STAGE}:
    - commands: ["echo stage >> /order", "test -d /usr/local/cloud-config && echo persistent >> /order"]
  ${STAGE}.after:
    - commands: ["echo after >> /order"]
`;
    const s = await scene(defer, { oem: {}, persistent: { 'cloud-config/install.yaml': yaml } });
    const r = await runStage(s.root.path, s.config);
    assert.is(r.code, 0, r.stderr);
    assert.is(await readFile(join(s.root.path, 'order'), 'utf8'), 'before\nstage\npersistent\nafter\n');
    assert.match(r.stderr, `mounted COS_PERSISTENT (${s.persistent!.device}) at /usr/local`);
    assert.equal(await mountsLeftUnder(s.root.path), []);
    assert.is(await readFileFromImage(s.persistent!.image, '/cloud-config/install.yaml'), yaml);
  }));

test('a partition that is not found: a warning, the stage still runs', () =>
  withCleanup(async (defer) => {
    // The OEM label is one no disk carries (COS_OEM itself may be on another test's loop device).
    const s = await scene(defer, {
      oem: false,
      persistent: { 'cloud-config/install.yaml': `stages:\n  ${STAGE}:\n    - commands: ["touch /ran"]\n` },
      mount: { labels: { COS_OEM_ABSENT: '/oem', COS_PERSISTENT: '/usr/local' } },
    });
    const r = await runStage(s.root.path, s.config, '--strict');
    assert.is(r.code, 0, r.stderr);
    assert.match(r.stderr, /WARN.*no partition labelled COS_OEM_ABSENT found \(blkid\): \/oem is not mounted/);
    assert.ok(existsSync(join(s.root.path, 'ran')));
    assert.equal(await mountsLeftUnder(s.root.path), []);
  }));

test('OEM already mounted elsewhere: bound into NEWROOT, not mounted twice; the other mount stays', () =>
  withCleanup(async (defer) => {
    const s = await scene(defer, {
      oem: {
        'install.yaml': `stages:\n  ${STAGE}:\n    - commands: ["grep ' /oem ' /proc/self/mountinfo > /oem-mount", "echo hi > /oem/from-chroot"]\n`,
      },
      persistent: false,
    });
    const elsewhere = await mkdtemp(join(tmpdir(), 'yipts-chroot-oem-'));
    defer(() => safeRemove(elsewhere));
    // noexec is kept by a bind and absent from a fresh mount: it tells the two apart.
    await run('mount', ['-o', 'noexec', s.oem!.device, elsewhere]);
    defer(() => run('umount', [elsewhere], { allowFailure: true }));

    const r = await runStage(s.root.path, s.config);
    assert.is(r.code, 0, r.stderr);
    assert.match(r.stderr, `COS_OEM (${s.oem!.device}) is already mounted at ${elsewhere}: bound, not mounted again`);
    assert.match(await readFile(join(s.root.path, 'oem-mount'), 'utf8'), /\s\/oem\s\S*noexec/);
    assert.is(await readFile(join(elsewhere, 'from-chroot'), 'utf8'), 'hi\n', 'one filesystem: the write shows where it was mounted');
    assert.equal(await mountsLeftUnder(s.root.path), []);
    assert.equal(await findMountsUnder(elsewhere), [elsewhere], 'the mount that was there stays');
  }));

test.run();
