// The seed's scenario, end to end through the `yip` command line: an
// after-upgrade-chroot config on the OEM partition installs a package into the
// new image. The image is a Debian root, the OEM partition a real labelled
// loop device, the package comes from a repository inside the image; the
// mount plugin prepares the chroot and must leave nothing mounted.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { findMountsUnder, inRoot, loopImage, mountConfig, run, seedImage } from '../fixtures/index.js';
import type { LoopImage, TempRoot } from '../fixtures/index.js';
import { yip } from '../helpers/cli.js';

const test = suite('packages: the seed scenario through `yip run-stage`');
const PKG = 'yipts-seedpkg';
let root: TempRoot;
let oem: LoopImage | undefined;
let persistent: LoopImage;
let cmdline: string;
let cleanup: () => Promise<void>;

const config = (install: string) => `name: "Install something"
stages:
  after-upgrade-chroot:
    - name: install
      packages:
        refresh: true
        install:
          - ${install}
    - name: after
      files:
        - path: /etc/after-packages
          content: ran
`;

async function dpkgVersion(name: string): Promise<string | undefined> {
  const r = await inRoot(root.path, ['dpkg-query', '-W', '-f=${db:Status-Abbrev} ${Version}', name], { mounts: false, allowFailure: true });
  return r.code === 0 ? /^ii\s+(\S+)/.exec(r.stdout)?.[1] : undefined;
}

async function hostHas(name: string): Promise<boolean> {
  return (await run('dpkg-query', ['-W', name], { allowFailure: true })).code === 0;
}

// The devices are given to the mount plugin directly (pluginOptions.mount.devices of an executor
// configuration): other tests on the machine may have their own COS_OEM or COS_PERSISTENT
// attached at the same time, and blkid would find those.
async function runStage(extra: string[] = []) {
  const devices: Record<string, string> = { COS_PERSISTENT: persistent.device };
  if (oem) devices.COS_OEM = oem.device;
  const config = await mountConfig({ devices });
  try {
    return await yip(
      ['run-stage', '--strict', '--root', root.path, '--cmdline', cmdline, '--config', config.file, ...extra, 'after-upgrade-chroot'],
      {
        timeoutMs: 300_000,
      },
    );
  } finally {
    await config.cleanup();
  }
}

test.before(async () => {
  ({ root, cmdline, persistent, cleanup } = await seedImage(PKG));
});

test.after(async () => {
  await oem?.cleanup();
  await cleanup?.();
});

test('the config on COS_OEM installs the package into the new root only; nothing stays mounted', async () => {
  oem = await loopImage({ label: 'COS_OEM', files: { 'install.yaml': config(PKG) } });
  const res = await runStage();
  assert.is(res.code, 0, res.stderr);
  assert.is(await dpkgVersion(PKG), '1.0', 'in the image dpkg database');
  assert.is(await readFile(join(root.path, `usr/share/${PKG}/version`), 'utf8'), '1.0\n');
  assert.is(await readFile(join(root.path, 'etc/after-packages'), 'utf8'), 'ran');
  assert.not.ok(await hostHas(PKG), 'not on the host');
  assert.equal(await findMountsUnder(root.path), [], 'nothing left mounted under the root');
  assert.match(res.stderr, `installing ${PKG} with apt-get`);
  assert.match(res.stderr, `mounted COS_OEM (${oem.device}) at /oem`, 'the config came from the partition');
});

test('a package that does not exist: --strict exits 65, the error names the step, the next step ran, nothing mounted', async () => {
  await oem?.cleanup();
  oem = await loopImage({ label: 'COS_OEM', files: { README: 'no config here\n' } });
  await rm(join(root.path, 'etc/after-packages'));
  // Through --cloud-init-paths this time, a file inside the root.
  await writeFile(join(root.path, 'etc/yipts-test.yaml'), config('yipts-no-such-package'));
  const res = await runStage(['--cloud-init-paths', '/etc/yipts-test.yaml']);
  assert.is(res.code, 65, res.stderr);
  assert.match(res.stderr, 'Install something.install');
  assert.match(res.stderr, 'installing yipts-no-such-package with apt-get failed');
  assert.match(res.stderr, 'Unable to locate package yipts-no-such-package');
  assert.is(await readFile(join(root.path, 'etc/after-packages'), 'utf8'), 'ran', 'the next step still ran');
  assert.equal(await findMountsUnder(root.path), []);
});

test.run();
