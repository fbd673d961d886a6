// The release tarball (`pnpm release`) put into a Debian root the way a Dockerfile's ADD would:
// its layout, `systemd-analyze verify` of every unit, and an initrd built by Debian's dracut with
// the yipts module, from which the executable is extracted and run with chroot.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, mkdirSync, readdirSync, readFileSync, readlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { debianRoot, inRoot, run } from '../fixtures/index.js';
import type { TempRoot } from '../fixtures/index.js';
import { ensureBuilt, REPO } from '../helpers/cli.js';

const test = suite('release tarball in an image root: units and initrd');
const UNITS = readdirSync(join(REPO, 'packaging/systemd')).sort();
const UNIT_DIR = 'usr/lib/systemd/system';
const VERIFY = ['systemd-analyze', 'verify', '--man=no'];
let root: TempRoot;
let tarball: string;

test.before(async () => {
  ensureBuilt();
  tarball = (await run(process.execPath, [join(REPO, 'scripts/release.mjs')], { env: { ...process.env, NODE_OPTIONS: '' } })).stdout.trim();
  // dracut replaces initramfs-tools: it goes into the test's own root, never onto the host.
  root = await debianRoot({ extraPackages: ['dracut', 'cpio'] });
  await run('tar', ['-xzf', tarball, '-C', root.path]);
});
test.after(async () => {
  await root?.cleanup();
});

test('the tarball is an image root: the executable, its link, the units, the dracut module, LICENSE, schema', async () => {
  assert.match(tarball, /\/dist\/yipts-\d+\.\d+\.\d+-linux-[a-z0-9]+\.tar\.gz$/);
  const listing = (await run('tar', ['-tzf', tarball])).stdout.split('\n').filter((l) => l && !l.endsWith('/'));
  assert.equal(
    listing.sort(),
    [
      'usr/bin/yip',
      'usr/bin/yipts',
      'usr/lib/dracut/modules.d/50yipts/module-setup.sh',
      ...UNITS.map((u) => `${UNIT_DIR}/${u}`),
      'usr/share/licenses/yipts/LICENSE',
      'usr/share/yipts/yip.schema.json',
      'usr/share/man/man1/yipts.1',
      'usr/share/man/man1/yip.1',
      'usr/share/bash-completion/completions/yip',
      'usr/share/bash-completion/completions/yipts',
      'usr/share/zsh/site-functions/_yipts',
    ].sort(),
  );
  assert.match(readFileSync(join(root.path, 'usr/share/man/man1/yipts.1'), 'utf8'), /^\.TH YIPTS 1/);
  assert.match(readFileSync(join(root.path, 'usr/share/bash-completion/completions/yip'), 'utf8'), 'complete -F _yipts yip yipts');
  assert.is(readlinkSync(join(root.path, 'usr/bin/yipts')), 'yip');
  const schema = JSON.parse(readFileSync(join(root.path, 'usr/share/yipts/yip.schema.json'), 'utf8'));
  assert.ok(JSON.stringify(schema).includes('"files"'), 'the schema describes the steps');
  const version = await inRoot(root.path, ['yip', '--version']);
  assert.match(version.stdout, /^yip version /);
});

test('units: one per stage that runs at boot (reconcile through a timer), each calling yip run-stage', () => {
  const services = ['boot', 'fs', 'initramfs', 'network', 'reconcile'].map((s) => `yipts-${s}.service`);
  assert.equal(UNITS, [...services, 'yipts-reconcile.timer', 'yipts-rootfs.service']);
  for (const stage of ['rootfs', 'initramfs', 'fs', 'boot', 'network', 'reconcile']) {
    const unit = readFileSync(join(root.path, UNIT_DIR, `yipts-${stage}.service`), 'utf8');
    assert.match(unit, `\nExecStart=/usr/bin/yip run-stage ${stage}\n`);
  }
  assert.match(readFileSync(join(root.path, UNIT_DIR, 'yipts-reconcile.timer'), 'utf8'), '\nUnit=yipts-reconcile.service\n');
});

test('systemd-analyze verify accepts every unit', async () => {
  const r = await inRoot(root.path, [...VERIFY, ...UNITS.map((u) => `/${UNIT_DIR}/${u}`)], { allowFailure: true });
  assert.is(r.code, 0, r.stderr);
  // Warnings are printed but do not change the exit status: none may name our units.
  assert.not.match(r.stderr, /yipts-/, r.stderr);
});

test('systemd-analyze verify fails on a unit whose executable is missing (the check can fail)', async () => {
  const broken = join(root.path, 'etc/systemd/system/yipts-broken.service');
  mkdirSync(join(root.path, 'etc/systemd/system'), { recursive: true });
  const boot = readFileSync(join(root.path, UNIT_DIR, 'yipts-boot.service'), 'utf8');
  writeFileSync(broken, boot.replace('/usr/bin/yip ', '/usr/bin/no-such-yip '));
  const r = await inRoot(root.path, [...VERIFY, '/etc/systemd/system/yipts-broken.service'], { allowFailure: true });
  assert.is.not(r.code, 0, r.stderr);
  assert.match(r.stderr, 'no-such-yip');
});

test('dracut with the yipts module: the initrd holds the executable and the enabled initrd units, and yip runs from it', async () => {
  // No kernel in the root: --no-kernel, and a made-up version for dracut's file names.
  const dracut = ['dracut', '--force', '--no-hostonly', '--no-kernel', '--no-compress', '--no-early-microcode', '--kver', '6.1.0-yipts'];
  const r = await inRoot(root.path, [...dracut, '--modules', 'yipts', '/tmp/initrd.img'], {
    allowFailure: true,
    timeoutMs: 300_000,
  });
  assert.is(r.code, 0, r.stderr);
  const listing = (await inRoot(root.path, ['lsinitrd', '/tmp/initrd.img'])).stdout;
  for (const path of [
    'usr/bin/yip',
    'usr/bin/yipts',
    `${UNIT_DIR}/yipts-rootfs.service`,
    `${UNIT_DIR}/yipts-initramfs.service`,
    `${UNIT_DIR}/initrd-fs.target.requires/yipts-rootfs.service`,
    `${UNIT_DIR}/initrd.target.requires/yipts-initramfs.service`,
  ]) {
    assert.match(listing, new RegExp(` ${path.replaceAll('.', '\\.')}( ->|\\n)`), `${path} in the initrd`);
  }
  // Unpacked (by the root's cpio), the initrd is a root of its own: the executable runs there
  // with what dracut put beside it.
  await inRoot(root.path, ['sh', '-c', 'mkdir /tmp/initrd && cd /tmp/initrd && cpio -id --quiet < /tmp/initrd.img']);
  const unpacked = join(root.path, 'tmp/initrd');
  assert.not.ok(existsSync(join(unpacked, 'usr/bin/node')));
  for (const dir of ['proc', 'sys', 'dev', 'tmp']) mkdirSync(join(unpacked, dir), { recursive: true });
  const config = 'stages:\n  rootfs:\n    - files:\n        - path: /run/yipts-from-initrd\n          content: ok\n';
  writeFileSync(join(unpacked, 'c.yaml'), config);
  const yip = await inRoot(unpacked, ['/usr/bin/yip', '-s', 'rootfs', '/c.yaml'], { allowFailure: true });
  assert.is(yip.code, 0, yip.stderr);
  assert.is(readFileSync(join(unpacked, 'run/yipts-from-initrd'), 'utf8'), 'ok');
});

test.run();
