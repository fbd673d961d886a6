// The seed scenario planned: `yipts plan run-stage after-upgrade-chroot --root NEWROOT` with the
// config on a real COS_OEM loop device lists the package the chroot stage would install, as
// the image's own apt-get answers in its dry run, and touches nothing: the image's tree, the
// files of both partitions and the mount table stay as they were; the package is not installed.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { findMountsUnder, inRoot, loopImage, mountConfig, run, seedImage } from '../fixtures/index.js';
import type { LoopImage, TempRoot } from '../fixtures/index.js';
import { yip } from '../helpers/cli.js';
import { changedPaths, snapshot } from './tree.js';

const test = suite('plan: the seed scenario through `yipts plan run-stage`');
const PKG = 'yipts-seedpkg';
let root: TempRoot;
let oem: LoopImage;
let persistent: LoopImage;
let cmdline: string;
let cleanup: () => Promise<void>;
let config: { file: string; cleanup: () => Promise<void> };

const CONFIG = `name: "Install something"
stages:
  after-upgrade-chroot:
    - name: install
      packages:
        refresh: true
        install: [${PKG}]
    - name: marker
      commands: [touch /oem/ran]
`;

/**
 * The files of a partition image, read with debugfs (no mount): names, modes, owners, sizes and
 * contents. Not the raw bytes: another test on the machine may mount a COS_OEM it finds by label,
 * which updates the superblock's mount count without changing any file.
 */
async function partitionFiles(image: string): Promise<string> {
  const list = await run('debugfs', ['-R', 'ls -p /', image]);
  const names = list.stdout
    .split('\n')
    .map((l) => l.split('/')[5])
    .filter((n): n is string => !!n && n !== '.' && n !== '..');
  const contents: string[] = [];
  for (const name of names) contents.push((await run('debugfs', ['-R', `cat /${name}`, image], { allowFailure: true })).stdout);
  return createHash('sha256')
    .update(list.stdout + contents.join('\0'))
    .digest('hex');
}

test.before(async () => {
  ({ root, cmdline, persistent, cleanup } = await seedImage(PKG));
  // The image was built with its package lists: the dry run resolves against them.
  await inRoot(root.path, ['apt-get', 'update', '-q']);
  oem = await loopImage({ label: 'COS_OEM', files: { 'install.yaml': CONFIG } });
  config = await mountConfig({ devices: { COS_OEM: oem.device, COS_PERSISTENT: persistent.device } });
});

test.after(async () => {
  await config?.cleanup();
  await oem?.cleanup();
  await cleanup?.();
});

test('lists the package apt-get would install, the refresh and the command; changes nothing; exits 2', async () => {
  const before = {
    tree: await snapshot(root.path),
    oem: await partitionFiles(oem.image),
    persistent: await partitionFiles(persistent.image),
  };
  const res = await yip(['plan', 'run-stage', '--config', config.file, '--root', root.path, '--cmdline', cmdline, 'after-upgrade-chroot'], {
    timeoutMs: 300_000,
  });
  assert.is(res.code, 2, res.stdout + res.stderr);
  assert.match(res.stdout, `+ package ${PKG} 1.0 (install)`);
  assert.match(res.stdout, '> command `apt-get -y update`');
  assert.match(res.stdout, '> command `touch /oem/ran`');
  assert.match(res.stdout, `stage after-upgrade-chroot from ${root.path}/oem`, 'the config came from the partition');
  assert.equal(changedPaths(before.tree, await snapshot(root.path)), [], 'the image is as it was');
  assert.is(await partitionFiles(oem.image), before.oem, 'the files of COS_OEM unchanged');
  assert.is(await partitionFiles(persistent.image), before.persistent, 'the files of COS_PERSISTENT unchanged');
  assert.equal(await findMountsUnder(root.path), [], 'nothing left mounted');
  assert.not.match(await readFile('/proc/self/mountinfo', 'utf8'), 'yipts-plan', "the plan's overlay and scratch space are gone");
  const installed = await inRoot(root.path, ['dpkg-query', '-W', PKG], { mounts: false, allowFailure: true });
  assert.is.not(installed.code, 0, 'the package is not installed');
});

test('JSON output carries the package change', async () => {
  const res = await yip(
    ['plan', 'run-stage', '--format', 'json', '--config', config.file, '--root', root.path, '--no-cmdline', 'after-upgrade-chroot'],
    {
      timeoutMs: 300_000,
    },
  );
  assert.is(res.code, 2, res.stderr);
  const plan = JSON.parse(res.stdout) as { changed: boolean; stages: { steps: { id: string; changes: unknown[] }[] }[] };
  const install = plan.stages.flatMap((s) => s.steps).find((s) => s.id === 'Install something.install');
  assert.ok(install, res.stdout);
  assert.equal(install!.changes, [
    { kind: 'command', command: 'apt-get -y update' },
    { kind: 'package', action: 'install', name: PKG, version: '1.0' },
  ]);
});

test.run();
