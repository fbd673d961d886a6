// The seed's example with a real distribution and a real package manager: NEWROOT is a Debian
// root with zypper, the rpm repository travels on the OEM partition ("load extra data, e.g. rpm
// files"), and `zypper in -y` in after-upgrade-chroot installs into NEWROOT. The same step looks
// a name up with glibc: it resolves through the host's resolver file (here a loopback DNS
// server), which the image does not have.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import type { FileTree } from '../fixtures/index.js';
import { inRoot, rpmPackage, rpmRepo, withCleanup } from '../fixtures/index.js';
import { startDnsServer } from '../../plugins/mount/test/dns-server.js';
import { yip } from './cli.js';
import { mountsLeftUnder, scene } from './scene.js';

const STAGE = 'after-upgrade-chroot';

async function treeOf(dir: string): Promise<FileTree> {
  const tree: FileTree = {};
  for (const entry of (await readdir(dir, { recursive: true, withFileTypes: true })) as {
    name: string;
    parentPath?: string;
    path?: string;
    isFile(): boolean;
  }[]) {
    if (!entry.isFile()) continue;
    const full = join(entry.parentPath ?? entry.path ?? dir, entry.name);
    tree[relative(dir, full)] = await readFile(full);
  }
  return tree;
}

test('zypper in -y from the OEM partition installs into NEWROOT; DNS works inside the chroot', () =>
  withCleanup(async (defer) => {
    const rpm = await rpmPackage({
      name: 'yipts-rpm-hello',
      version: '2.0',
      release: '3',
      files: { 'etc/yipts/hello.conf': 'key: value\n' },
    });
    const work = await mkdtemp(join(tmpdir(), 'yipts-chroot-distro-'));
    defer(() => rm(work, { recursive: true, force: true }));
    const repo = await rpmRepo(join(work, 'repo'), [rpm]);
    const dns = await startDnsServer({ 'packages.yipts.test': '10.9.8.7' });
    defer(dns.close);
    const resolver = join(work, 'resolv.conf');
    await writeFile(resolver, `nameserver ${dns.address}\noptions timeout:2 attempts:1\n`);

    const install = `name: "Install something"
stages:
  ${STAGE}:
    - name: hello
      files:
        - path: /etc/zypp/repos.d/oem.repo
          content: |
${repo.zypperRepo('/oem/repo', 'oem').trimEnd().replace(/^/gm, '            ')}
      commands:
        - zypper --non-interactive in -y yipts-rpm-hello
        - getent hosts packages.yipts.test > /etc/yipts/resolved
`;
    const s = await scene(defer, {
      debian: true,
      oem: { 'install.yaml': install, ...prefix('repo', await treeOf(repo.dir)) },
      persistent: false,
      mount: { resolvConf: resolver },
    });
    const root = s.root.path;
    const imageResolver = await readFile(join(root, 'etc/resolv.conf'), 'utf8');

    const r = await yip(['run-stage', '--no-cmdline', '--strict', '--config', s.config, '--root', root, STAGE]);
    assert.is(r.code, 0, r.stderr);
    assert.is((await inRoot(root, ['rpm', '-q', 'yipts-rpm-hello'], { mounts: false })).stdout.trim(), 'yipts-rpm-hello-2.0-3.noarch');
    assert.is(await readFile(join(root, 'etc/yipts/hello.conf'), 'utf8'), 'key: value\n');
    assert.not.ok(existsSync('/etc/yipts/hello.conf'), 'installed into NEWROOT, not the host');
    assert.match(await readFile(join(root, 'etc/yipts/resolved'), 'utf8'), /^10\.9\.8\.7\s+packages\.yipts\.test/);
    assert.ok(dns.queries.includes('packages.yipts.test'));
    assert.is(await readFile(join(root, 'etc/resolv.conf'), 'utf8'), imageResolver, "the image's resolver file is as it was");
    assert.equal(await mountsLeftUnder(root), []);
  }));

function prefix(dir: string, tree: FileTree): FileTree {
  return Object.fromEntries(Object.entries(tree).map(([p, v]) => [`${dir}/${p}`, v]));
}

test.run();
