// Escape attempts through the command line: an image whose links point at host paths
// (absolute ones like /etc, climbing ones like ../../), and `..` in the paths of files and
// directories steps. Everything lands inside NEWROOT, where the chroot would see it; the host
// is never written, never mounted on.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { withCleanup } from '../fixtures/index.js';
import { yip } from './cli.js';
import { mountsLeftUnder, scene } from './scene.js';

const STAGE = 'after-upgrade-chroot';

test('files and directories steps through links to host paths and `..` stay inside NEWROOT', () =>
  withCleanup(async (defer) => {
    // A host directory the image's links aim at: it must stay empty.
    const host = await mkdtemp(join(tmpdir(), 'yipts-chroot-host-'));
    defer(() => rm(host, { recursive: true, force: true }));
    await mkdir(join(host, 'oem'));
    const marker = `yipts-escape-${process.pid}`;
    const config = `stages:
  ${STAGE}:
    - name: escape
      directories:
        - path: /up/made-dir
        - path: /../../../..${host}/dotdot-dir
      files:
        - path: /hostetc/${marker}
          content: "etc link\\n"
        - path: /up/through-link
          content: "climbing link\\n"
        - path: /../../../../..${host}/dotdot-file
          content: "dot dot\\n"
        - path: /etc/../../../..${host}/etc-dotdot
          content: "etc dot dot\\n"
      commands:
        - ls /oem > /oem-listing
`;
    const s = await scene(defer, { oem: { 'install.yaml': config }, persistent: false });
    const root = s.root.path;
    await symlink('/etc', join(root, 'hostetc')); // absolute: /etc of the image
    await symlink(`../../../../../../../../..${host}`, join(root, 'up')); // climbing to the host dir
    await symlink(join(host, 'oem'), join(root, 'oem')); // the OEM mount point itself is a link out

    const r = await yip(['run-stage', '--no-cmdline', '--strict', '--config', s.config, '--root', root, STAGE], {
      env: { LOGLEVEL: 'debug' },
    });
    assert.is(r.code, 0, r.stderr);

    assert.equal(await readdir(host).then((l) => l.sort()), ['oem']);
    assert.equal(await readdir(join(host, 'oem')), [], 'the partition was not mounted on the host directory');
    assert.not.ok(existsSync(`/etc/${marker}`), "the host's /etc is untouched");
    const inside = join(root, host);
    assert.is(await readFile(join(root, 'etc', marker), 'utf8'), 'etc link\n');
    assert.is(await readFile(join(inside, 'through-link'), 'utf8'), 'climbing link\n');
    assert.is(await readFile(join(inside, 'dotdot-file'), 'utf8'), 'dot dot\n');
    assert.is(await readFile(join(inside, 'etc-dotdot'), 'utf8'), 'etc dot dot\n');
    assert.ok(existsSync(join(inside, 'made-dir')) && existsSync(join(inside, 'dotdot-dir')));
    assert.is(
      await readFile(join(root, 'oem-listing'), 'utf8'),
      'install.yaml\nlost+found\n',
      'the partition was mounted where the link leads inside NEWROOT',
    );
    assert.equal(await mountsLeftUnder(root), []);
    assert.equal(await mountsLeftUnder(host), []);
  }));

test('a resolv.conf link to a host file: the host file is neither written nor mounted over', () =>
  withCleanup(async (defer) => {
    const host = await mkdtemp(join(tmpdir(), 'yipts-chroot-host-'));
    defer(() => rm(host, { recursive: true, force: true }));
    await writeFile(join(host, 'resolv.conf'), 'host sentinel\n');
    const s = await scene(defer, {
      oem: {
        'install.yaml': `stages:\n  ${STAGE}:\n    - commands: ["cat /etc/resolv.conf > /seen", "echo overwritten > /etc/resolv.conf"]\n`,
      },
      persistent: false,
    });
    await symlink(`../../../../../..${host}/resolv.conf`, join(s.root.path, 'etc/resolv.conf'));
    const r = await yip(['run-stage', '--no-cmdline', '--strict', '--config', s.config, '--root', s.root.path, STAGE]);
    assert.is(r.code, 0, r.stderr);
    assert.is(await readFile(join(s.root.path, 'seen'), 'utf8'), await readFile('/etc/resolv.conf', 'utf8'));
    assert.is(await readFile(join(host, 'resolv.conf'), 'utf8'), 'host sentinel\n');
    // What the stage wrote through the link is kept where the link leads inside NEWROOT.
    assert.is(await readFile(join(s.root.path, host, 'resolv.conf'), 'utf8'), 'overwritten\n');
    assert.equal(await mountsLeftUnder(s.root.path), []);
  }));

test.run();
