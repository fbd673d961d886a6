import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { lstat, mkdir, mkdtemp, readFile, readlink, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import dnsPlugin, { formatResolvConf } from '../src/index.js';
import { runOnIsolatedHost, runStep, runYaml, tempDirs } from '@yipts/testing';

/** Every root of this suite, removed when it ends. */
const roots = tempDirs('yipts-dns-root-');
test.after(() => roots.cleanup());

/** Runs one `dns` step with this value in root. */
const dnsStep = (root: string, dns: Readonly<Record<string, unknown>>) => runStep({ dns }, { plugins: [dnsPlugin()], root });

async function tempRoot(): Promise<string> {
  const root = await roots.make();
  await mkdir(join(root, 'etc'));
  return root;
}

test('format: search, nameservers, options, as yip lays them out', () => {
  assert.is(
    formatResolvConf({ nameservers: ['1.1.1.1', '8.8.8.8'], search: ['a.lan', 'b.lan'], options: ['timeout:2', 'attempts:3'] }),
    'search a.lan b.lan\nnameserver 1.1.1.1\nnameserver 8.8.8.8\noptions timeout:2 attempts:3\n',
  );
  assert.is(formatResolvConf({ nameservers: ['::1'], search: ['.'], options: [] }), 'nameserver ::1\n');
});

test("writes the root's resolv.conf, mode 0644; the host's stays as it was", async () => {
  const hostBefore = await readFile('/etc/resolv.conf', 'utf8').catch(() => null);
  const root = await tempRoot();
  await writeFile(join(root, 'etc/resolv.conf'), 'nameserver 10.0.0.1\n', { mode: 0o600 });
  const yaml =
    'stages:\n  network:\n    - dns:\n        nameservers: [192.0.2.53, 2001:db8::53]\n        search: [corp.example]\n        options: [rotate]\n';
  const run = await runYaml(yaml, { plugins: [dnsPlugin()], root, stage: 'network' });
  assert.equal(run.errors, []);
  assert.is(
    await readFile(join(root, 'etc/resolv.conf'), 'utf8'),
    'search corp.example\nnameserver 192.0.2.53\nnameserver 2001:db8::53\noptions rotate\n',
  );
  assert.is((await stat(join(root, 'etc/resolv.conf'))).mode & 0o777, 0o644);
  assert.is(await readFile('/etc/resolv.conf', 'utf8').catch(() => null), hostBefore);
});

test('without nameservers nothing is written', async () => {
  const root = await tempRoot();
  await writeFile(join(root, 'etc/resolv.conf'), 'nameserver 10.0.0.1\n');
  const run = await dnsStep(root, { search: ['x.lan'] });
  assert.equal(run.errors, []);
  assert.is(await readFile(join(root, 'etc/resolv.conf'), 'utf8'), 'nameserver 10.0.0.1\n');
});

test('a resolv.conf symlink with an absolute target is followed inside the root, never to the host', async () => {
  const root = await tempRoot();
  await symlink('/run/systemd/resolve/stub-resolv.conf', join(root, 'etc/resolv.conf'));
  const run = await dnsStep(root, { nameservers: ['192.0.2.1'] });
  assert.equal(run.errors, []);
  assert.is(await readFile(join(root, 'run/systemd/resolve/stub-resolv.conf'), 'utf8'), 'nameserver 192.0.2.1\n');
  assert.ok((await lstat(join(root, 'etc/resolv.conf'))).isSymbolicLink(), 'the link itself stays');
  assert.is(await readlink(join(root, 'etc/resolv.conf')), '/run/systemd/resolve/stub-resolv.conf');
});

test('a custom path; a value with a line break is refused and nothing is written', async () => {
  const root = await tempRoot();
  const ok = await dnsStep(root, { path: '/etc/resolv.d/custom.conf', nameservers: ['192.0.2.2'] });
  assert.equal(ok.errors, []);
  assert.is(await readFile(join(root, 'etc/resolv.d/custom.conf'), 'utf8'), 'nameserver 192.0.2.2\n');
  const bad = await dnsStep(root, { nameservers: ['192.0.2.3\nnameserver 6.6.6.6'] });
  assert.is(bad.errors.length, 1);
  assert.match(bad.errors[0]!.message, /dns \/etc\/resolv\.conf: a dns value contains a line break/);
  assert.is(await stat(join(root, 'etc/resolv.conf')).catch(() => null), null);
});

test("inside a root, a resolv.conf bound over the image (the chroot stage's resolver copy) is written in place", async () => {
  const root = await tempRoot();
  const outside = join(await mkdtemp(join(tmpdir(), 'yipts-dns-outside-')), 'resolv.conf');
  try {
    await writeFile(outside, 'nameserver 10.9.9.9\n');
    await writeFile(join(root, 'etc/resolv.conf'), '');
    const run = await runOnIsolatedHost(
      {
        stage: 'after-install-chroot',
        root,
        plugins: [{ module: new URL('../src/index.ts', import.meta.url) }],
        yaml: 'stages:\n  after-install-chroot:\n    - dns:\n        nameservers: [192.0.2.9]\n',
      },
      { overlays: [], setup: `mount --bind ${outside} ${root}/etc/resolv.conf` },
    );
    try {
      const errors = run.steps.flatMap((s) => s.errors);
      assert.equal(errors, []);
    } finally {
      await run.cleanup();
    }
    assert.is(await readFile(outside, 'utf8'), 'nameserver 192.0.2.9\n', 'the bound copy got the content');
    assert.is(await readFile(join(root, 'etc/resolv.conf'), 'utf8'), '', "the file under the bind is the mount plugin's to update");
  } finally {
    await rm(root, { recursive: true, force: true });
    await rm(join(outside, '..'), { recursive: true, force: true });
  }
});

test('on the host, a bind-mounted resolv.conf (as containers have) is rewritten in place', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'yipts-dns-host-'));
  const mounted = join(dir, 'resolv.conf');
  try {
    await writeFile(mounted, 'nameserver 10.9.9.9\n');
    const run = await runOnIsolatedHost(
      {
        stage: 'network',
        plugins: [{ module: new URL('../src/index.ts', import.meta.url) }],
        yaml: 'stages:\n  network:\n    - dns:\n        nameservers: [192.0.2.10]\n',
      },
      { overlays: ['/etc'], setup: `touch /etc/resolv.conf && mount --bind ${mounted} /etc/resolv.conf` },
    );
    try {
      assert.equal(
        run.steps.flatMap((s) => s.errors),
        [],
      );
    } finally {
      await run.cleanup();
    }
    assert.is(await readFile(mounted, 'utf8'), 'nameserver 192.0.2.10\n');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test.run();
