/**
 * With a real Debian root that has git and openssh-server: the image's own git (chrooted) when the
 * host's is not wanted or not found, a clear error when neither exists, and ssh remotes served by
 * a real sshd on loopback (private key, trusted host key, `insecure`), with no key file left.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { busyboxRoot, debianRoot, ensureDebianPackages } from '@yipts/test-fixtures';
import type { TempRoot } from '@yipts/test-fixtures';
import gitPlugin from '../src/index.js';
import { startGitHttpServer } from './support/git-http.js';
import { cloneState, git, makeUpstream } from './support/repo.js';
import type { Upstream } from './support/repo.js';
import { runStage, stage } from './support/run-stage.js';
import { leftovers, makeSandbox } from './support/sandbox.js';
import type { Sandbox } from './support/sandbox.js';
import { startSshServer } from './support/sshd.js';
import type { SshServer } from './support/sshd.js';
import { filesContaining } from './support/tree.js';

let debian: TempRoot;
let upstream: Upstream;
let sshd: SshServer;
let box: Sandbox;
/** A PATH in which the host has no git. */
const NO_HOST_GIT = { ...process.env, PATH: '/nonexistent' };

test.before(async () => {
  await ensureDebianPackages(['git', 'openssh-client']);
  debian = await debianRoot({ extraPackages: ['git', 'openssh-server'] });
  await mkdir(join(debian.path, 'srv'), { recursive: true });
  upstream = await makeUpstream(join(debian.path, 'srv'));
  box = await makeSandbox();
  sshd = await startSshServer(debian.path, box.dir);
});

test.after(async () => {
  await sshd?.stop();
  await box?.cleanup();
  await debian?.cleanup();
});

/** ssh reads the known hosts of the account's home (from passwd), whatever HOME says. */
const hostKnownHosts = () => readFile(join(userInfo().homedir, '.ssh/known_hosts'), 'utf8').catch(() => undefined);

const sshUrl = () => `ssh://root@127.0.0.1:${sshd.port}/srv/repo.git`;

test("tool: root: the image's own git, chrooted, with paths seen inside the root", async () => {
  const out = await runStage(
    [gitPlugin({ tool: 'root' })],
    stage({ git: { url: '/srv/repo.git', path: '/opt/by-root-git', branch: 'feature' } }),
    debian.path,
  );
  assert.equal(out.errors, []);
  assert.ok(out.logs.some((l) => l.level === 'debug' && /using the target root's \/usr\/bin\/git \(chrooted\)/.test(l.message)));
  const dest = join(debian.path, 'opt/by-root-git');
  assert.equal(await cloneState(dest), { head: await upstream.head('feature'), branch: 'feature' });
  assert.is((await git(['config', '--get', 'remote.origin.url'], dest)).stdout.trim(), '/srv/repo.git');
  assert.equal(await leftovers(join(debian.path, 'opt')), []);
  // And the update, chrooted as well.
  const moved = await upstream.commit('feature', { 'feature.txt': 'chrooted update\n' });
  assert.equal(
    (
      await runStage(
        [gitPlugin({ tool: 'root' })],
        stage({ git: { url: '/srv/repo.git', path: '/opt/by-root-git', branch: 'feature' } }),
        debian.path,
      )
    ).errors,
    [],
  );
  assert.is((await cloneState(dest)).head, moved);
});

test("auto: no git on the host's PATH, so the root's own runs; http with auth works from the chroot", async () => {
  const password = 'chroot-secret-1234';
  const server = await startGitHttpServer({ projectRoot: join(debian.path, 'srv'), auth: { username: 'u', password } });
  try {
    const out = await runStage(
      [gitPlugin()],
      stage({ git: { url: `${server.url}/repo.git`, path: '/opt/http', auth: { username: 'u', password } } }),
      debian.path,
      NO_HOST_GIT,
    );
    assert.equal(out.errors, []);
    assert.ok(out.logs.some((l) => /using the target root's \/usr\/bin\/git \(chrooted\)/.test(l.message)));
    assert.ok(server.requests.some((r) => r.accepted && r.user === 'u'));
    assert.equal(await filesContaining(join(debian.path, 'opt/http'), password), []);
  } finally {
    await server.close();
  }
});

test('no git on the host nor in the root: a clear error', async () => {
  const tiny = await busyboxRoot();
  try {
    const out = await runStage(
      [gitPlugin()],
      stage({ name: 'needs-git', git: { url: '/srv/repo.git', path: '/opt/x' } }),
      tiny.path,
      NO_HOST_GIT,
    );
    assert.is(out.errors.length, 1);
    assert.match(out.errors[0]!, /git \/srv\/repo\.git into \/opt\/x: git is installed neither on this host nor in the target root/);
    const forced = await runStage([gitPlugin({ tool: 'root' })], stage({ git: { url: '/srv/repo.git', path: '/opt/x' } }), tiny.path);
    assert.match(forced.errors[0]!, /git is not installed in the target root/);
    const host = await runStage(
      [gitPlugin({ tool: 'host' })],
      stage({ git: { url: '/srv/repo.git', path: '/opt/x' } }),
      tiny.path,
      NO_HOST_GIT,
    );
    assert.match(host.errors[0]!, /git is not installed on this host/);
    assert.not.ok(existsSync(join(tiny.path, 'opt')));
  } finally {
    await tiny.cleanup();
  }
});

test("ssh with a private key and the server's host key: cloned, no key file left, nothing learnt on the host", async () => {
  const knownBefore = await hostKnownHosts();
  const before = await box.outside();
  const out = await runStage(
    [gitPlugin()],
    stage({ git: { url: sshUrl(), path: '/opt/ssh', auth: { private_key: sshd.clientKey, public_key: sshd.hostKey } } }),
    box.root,
  );
  assert.equal(out.errors, [], sshd.log());
  const dest = join(box.root, 'opt/ssh');
  assert.equal(await cloneState(dest), { head: await upstream.head('master'), branch: 'master' });
  assert.equal(await leftovers(box.root), []);
  assert.equal(await box.outside(), before);
  assert.equal(await filesContaining(dest, 'PRIVATE KEY'), []);
  assert.is(await hostKnownHosts(), knownBefore);

  const moved = await upstream.commit('master', { README: 'over ssh\n' });
  assert.equal(
    (
      await runStage(
        [gitPlugin()],
        stage({ git: { url: sshUrl(), path: '/opt/ssh', auth: { private_key: sshd.clientKey, public_key: sshd.hostKey } } }),
        box.root,
      )
    ).errors,
    [],
  );
  assert.is((await cloneState(dest)).head, moved);
  assert.equal(await leftovers(box.root), []);
});

test('ssh: an unknown host key is refused unless `insecure`; a missing key is refused; no prompt ever', async () => {
  const knownBefore = await hostKnownHosts();
  const started = Date.now();
  const out = await runStage(
    [gitPlugin()],
    stage(
      { name: 'strict', git: { url: sshUrl(), path: '/opt/strict', auth: { private_key: sshd.clientKey } } },
      { name: 'no-key', git: { url: sshUrl(), path: '/opt/no-key', auth: { insecure: true } } },
      { name: 'insecure', git: { url: sshUrl(), path: '/opt/insecure', auth: { private_key: sshd.clientKey, insecure: true } } },
    ),
    box.root,
  );
  assert.ok(Date.now() - started < 60_000);
  assert.equal(
    out.steps.map((s) => s.status),
    ['failed', 'failed', 'ok'],
    out.errors.join('\n'),
  );
  assert.match(out.steps[0]!.errors[0]!.message, /Host key verification failed/);
  assert.match(out.steps[1]!.errors[0]!.message, /Permission denied \(publickey\)/);
  assert.ok(existsSync(join(box.root, 'opt/insecure/README')));
  assert.not.ok(existsSync(join(box.root, 'opt/strict')));
  assert.equal(await leftovers(box.root), []);
  assert.is(await hostKnownHosts(), knownBefore, '`insecure` learns no host key');
});

test("ssh with the root's own git and ssh: the key file, written inside the root, is gone afterwards", async () => {
  const out = await runStage(
    [gitPlugin({ tool: 'root' })],
    stage({ git: { url: sshUrl(), path: '/opt/ssh-chrooted', auth: { private_key: sshd.clientKey, public_key: sshd.hostKey } } }),
    debian.path,
  );
  assert.equal(out.errors, [], sshd.log());
  assert.is((await cloneState(join(debian.path, 'opt/ssh-chrooted'))).head, await upstream.head('master'));
  assert.equal(await leftovers(join(debian.path, 'opt')), []);
});

test.run();
