/**
 * Clones and updates with the host's real git, from a repository inside the target root (a plain
 * path and file://) and on the host itself (root `/`).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { chmod, chown, mkdir, readdir, readFile, stat, symlink, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ensureDebianPackages } from '@yipts/test-fixtures';
import gitPlugin from '../src/index.js';
import { cloneState, git, localBranches, makeUpstream } from './support/repo.js';
import type { Upstream } from './support/repo.js';
import { runStage, stage } from './support/run-stage.js';
import { leftovers, makeSandbox } from './support/sandbox.js';
import type { Sandbox } from './support/sandbox.js';

let box: Sandbox;
let upstream: Upstream;
const plugins = [gitPlugin()];

test.before(async () => {
  await ensureDebianPackages(['git']);
});

test.before.each(async () => {
  box = await makeSandbox();
  // The remote lives inside the target root: a local URL is a path in the root, like every path of the run.
  await mkdir(join(box.root, 'srv'));
  upstream = await makeUpstream(join(box.root, 'srv'));
});

test.after.each(async () => {
  await box.cleanup();
});

/** Runs the steps and checks what every run must keep: no writes outside the root, no staging left. */
async function runChecked(...steps: Record<string, unknown>[]) {
  const before = await box.outside();
  const outcome = await runStage(plugins, stage(...steps), box.root);
  assert.equal(await box.outside(), before, 'nothing changed outside the target root');
  assert.equal(await leftovers(box.root), [], 'no staging directory or key file left');
  return outcome;
}

test('a plain path in the root: cloned into missing parents, master checked out, origin as configured', async () => {
  const out = await runChecked({ name: 'clone', git: { url: '/srv/repo.git', path: '/opt/apps/repo' } });
  assert.equal(out.errors, []);
  const dest = join(box.root, 'opt/apps/repo');
  assert.is(await readFile(join(dest, 'README'), 'utf8'), 'v1\n');
  assert.is(await readFile(join(dest, 'only-master.txt'), 'utf8'), 'master\n');
  assert.equal(await cloneState(dest), { head: await upstream.head('master'), branch: 'master' });
  // The host path of the root never leaks into the image's clone.
  assert.is((await git(['config', '--get', 'remote.origin.url'], dest)).stdout.trim(), '/srv/repo.git');
  assert.is((await stat(join(box.root, 'opt/apps'))).mode & 0o777, 0o755);
  assert.ok(out.logs.some((l) => l.level === 'info' && /cloned \/srv\/repo\.git into \/opt\/apps\/repo/.test(l.message)));
});

test('a file:// URL: cloned through the transport, origin keeps the URL', async () => {
  const out = await runChecked({ git: { url: 'file:///srv/repo.git', path: '/srv/checkout' } });
  assert.equal(out.errors, []);
  const dest = join(box.root, 'srv/checkout');
  assert.is((await git(['config', '--get', 'remote.origin.url'], dest)).stdout.trim(), 'file:///srv/repo.git');
  assert.equal(await cloneState(dest), { head: await upstream.head('master'), branch: 'master' });
  // The transport brings a pack; the local shortcut would have hard-linked loose objects instead.
  const packs = (await git(['count-objects', '-v'], dest)).stdout;
  assert.match(packs, /^packs: 1$/m);
  assert.match(packs, /^count: 0$/m);
});

test('on the host itself (root /): absolute paths as they are', async () => {
  const dest = join(box.dir, 'host-clone');
  const out = await runStage(plugins, stage({ git: { url: upstream.bare, path: dest, branch: 'feature' } }), '/');
  assert.equal(out.errors, []);
  assert.equal(await cloneState(dest), { head: await upstream.head('feature'), branch: 'feature' });
  assert.is(await readFile(join(dest, 'feature.txt'), 'utf8'), 'feature\n');
});

test('an existing clone: new upstream commits, local edits, staged changes and local commits are replaced; untracked files stay', async () => {
  assert.equal((await runChecked({ git: { url: '/srv/repo.git', path: '/opt/repo' } })).errors, []);
  const dest = join(box.root, 'opt/repo');
  const newHead = await upstream.commit('master', { README: 'v2\n', 'added.txt': 'new\n' }, 'upstream moves on');
  await writeFile(join(dest, 'only-master.txt'), 'edited locally\n');
  await writeFile(join(dest, 'staged.txt'), 'staged\n');
  await git(['add', 'staged.txt'], dest);
  await writeFile(join(dest, 'README'), 'local commit\n');
  await git(['-c', 'user.name=l', '-c', 'user.email=l@l', 'commit', '--quiet', '-m', 'local', 'README'], dest);
  await writeFile(join(dest, 'untracked.txt'), 'mine\n');

  const out = await runChecked({ git: { url: '/srv/repo.git', path: '/opt/repo' } });
  assert.equal(out.errors, []);
  assert.ok(out.logs.some((l) => /updated \/srv\/repo\.git into \/opt\/repo/.test(l.message)));
  assert.equal(await cloneState(dest), { head: newHead, branch: 'master' });
  assert.is(await readFile(join(dest, 'README'), 'utf8'), 'v2\n');
  assert.is(await readFile(join(dest, 'added.txt'), 'utf8'), 'new\n');
  assert.is(await readFile(join(dest, 'only-master.txt'), 'utf8'), 'master\n');
  assert.not.ok(existsSync(join(dest, 'staged.txt')), 'a staged new file is dropped with the index');
  assert.is(await readFile(join(dest, 'untracked.txt'), 'utf8'), 'mine\n');
  assert.is((await git(['status', '--porcelain'], dest)).stdout, '?? untracked.txt\n');
});

test("an existing clone's hooks and configured programs never run on the host", async () => {
  assert.equal((await runChecked({ git: { url: '/srv/repo.git', path: '/opt/repo' } })).errors, []);
  const dest = join(box.root, 'opt/repo');
  const marker = join(box.dir, 'ran');
  const script = `#!/bin/sh\necho "$0" >> ${marker}\n`;
  for (const hook of ['post-checkout', 'reference-transaction', 'post-merge'])
    await writeFile(join(dest, '.git/hooks', hook), script, { mode: 0o755 });
  await writeFile(join(dest, '.git/monitor'), script, { mode: 0o755 });
  await git(['config', 'core.fsmonitor', join(dest, '.git/monitor')], dest);
  await git(['config', 'credential.helper', `!${join(dest, '.git/monitor')}`], dest);
  await upstream.commit('master', { README: 'v2\n' });
  const out = await runChecked({ git: { url: '/srv/repo.git', path: '/opt/repo' } });
  assert.equal(out.errors, []);
  assert.is(await readFile(join(dest, 'README'), 'utf8'), 'v2\n');
  assert.not.ok(existsSync(marker), 'no hook or configured program ran');
});

test('an update with upstream history rewritten (force-pushed) still lands on the remote branch', async () => {
  assert.equal((await runChecked({ git: { url: '/srv/repo.git', path: '/opt/repo' } })).errors, []);
  await git(['reset', '--quiet', '--hard', 'HEAD~1'], upstream.work);
  const rewritten = await upstream.commit('master', { 'other.txt': 'rewritten\n' }, 'rewritten');
  const out = await runChecked({ git: { url: '/srv/repo.git', path: '/opt/repo' } });
  assert.equal(out.errors, []);
  assert.is((await cloneState(join(box.root, 'opt/repo'))).head, rewritten);
  assert.not.ok(existsSync(join(box.root, 'opt/repo/only-master.txt')));
});

test('branch: that branch is checked out, the others are still fetched', async () => {
  const out = await runChecked({ git: { url: '/srv/repo.git', path: '/opt/repo', branch: 'feature' } });
  assert.equal(out.errors, []);
  const dest = join(box.root, 'opt/repo');
  assert.equal(await cloneState(dest), { head: await upstream.head('feature'), branch: 'feature' });
  assert.not.ok(existsSync(join(dest, 'only-master.txt')));
  assert.ok((await localBranches(dest)).includes('refs/remotes/origin/master'));
});

test('branch_only: a single-branch clone', async () => {
  const out = await runChecked({ git: { url: '/srv/repo.git', path: '/opt/repo', branch: 'feature', branch_only: true } });
  assert.equal(out.errors, []);
  const dest = join(box.root, 'opt/repo');
  assert.equal(await localBranches(dest), ['refs/heads/feature', 'refs/remotes/origin/feature']);
  assert.is(
    (await git(['config', '--get-all', 'remote.origin.fetch'], dest)).stdout.trim(),
    '+refs/heads/feature:refs/remotes/origin/feature',
  );
  // And its update follows only that branch too.
  const moved = await upstream.commit('feature', { 'feature.txt': 'feature v2\n' });
  await upstream.commit('master', { README: 'master moved\n' });
  assert.equal((await runChecked({ git: { url: '/srv/repo.git', path: '/opt/repo', branch: 'feature', branch_only: true } })).errors, []);
  assert.equal(await cloneState(dest), { head: moved, branch: 'feature' });
  assert.equal(await localBranches(dest), ['refs/heads/feature', 'refs/remotes/origin/feature']);
});

test('another branch named for an existing clone: the clone switches to it', async () => {
  assert.equal((await runChecked({ git: { url: '/srv/repo.git', path: '/opt/repo' } })).errors, []);
  const out = await runChecked({ git: { url: '/srv/repo.git', path: '/opt/repo', branch: 'feature' } });
  assert.equal(out.errors, []);
  assert.equal(await cloneState(join(box.root, 'opt/repo')), { head: await upstream.head('feature'), branch: 'feature' });
});

test('no branch given: the remote default branch is cloned, and an update follows the checked-out branch', async () => {
  await git(['symbolic-ref', 'HEAD', 'refs/heads/feature'], upstream.bare);
  assert.equal((await runChecked({ git: { url: '/srv/repo.git', path: '/opt/repo' } })).errors, []);
  const dest = join(box.root, 'opt/repo');
  assert.is((await cloneState(dest)).branch, 'feature');
  const moved = await upstream.commit('feature', { 'feature.txt': 'v2\n' });
  assert.equal((await runChecked({ git: { url: '/srv/repo.git', path: '/opt/repo' } })).errors, []);
  assert.equal(await cloneState(dest), { head: moved, branch: 'feature' });
});

test('a tag as branch: cloned, and updated, at the tag', async () => {
  await git(['tag', 'v1.0', 'refs/heads/feature'], upstream.bare);
  const step = { git: { url: '/srv/repo.git', path: '/opt/repo', branch: 'v1.0' } };
  assert.equal((await runChecked(step)).errors, []);
  const dest = join(box.root, 'opt/repo');
  assert.equal(await cloneState(dest), { head: await upstream.head('feature'), branch: '(detached)' });
  assert.equal((await runChecked(step)).errors, []);
  assert.equal(await cloneState(dest), { head: await upstream.head('feature'), branch: '(detached)' });
});

test('an existing empty directory is replaced by the clone, keeping its mode and owner', async () => {
  const dest = join(box.root, 'srv/app');
  await mkdir(dest);
  await chmod(dest, 0o750);
  await chown(dest, 1234, 2345);
  assert.equal((await runChecked({ git: { url: '/srv/repo.git', path: '/srv/app' } })).errors, []);
  const st = await stat(dest);
  assert.is(st.mode & 0o7777, 0o750);
  assert.equal([st.uid, st.gid], [1234, 2345]);
  assert.ok(existsSync(join(dest, '.git/HEAD')));
});

test('a symlinked path is followed inside the root, never to the host', async () => {
  // The link's absolute target also exists on the host, next to the root: resolving it there
  // would put the clone outside the root (the snapshot of the outside would show it).
  const hostSide = join(box.dir, 'outside');
  await mkdir(hostSide);
  await mkdir(join(box.root, hostSide), { recursive: true });
  await symlink(hostSide, join(box.root, 'link'));
  assert.equal((await runChecked({ git: { url: '/srv/repo.git', path: '/link/repo' } })).errors, []);
  assert.ok(existsSync(join(box.root, hostSide, 'repo/README')));
  assert.equal(await readdir(hostSide), []);
});

test('a directory with other content is refused and left as it is; the next step still runs', async () => {
  const busy = join(box.root, 'srv/busy');
  await mkdir(busy);
  await writeFile(join(busy, 'keep.txt'), 'keep\n');
  const out = await runChecked(
    { name: 'busy', git: { url: '/srv/repo.git', path: '/srv/busy' } },
    { name: 'next', git: { url: '/srv/repo.git', path: '/srv/next' } },
  );
  assert.equal(
    out.steps.map((s) => s.status),
    ['failed', 'ok'],
  );
  assert.is(out.errors.length, 1);
  assert.match(out.errors[0]!, /git \/srv\/repo\.git into \/srv\/busy: \/srv\/busy is not empty and is not a git clone/);
  assert.is(out.steps[0]!.errors[0]!.stepId, out.steps[0]!.id);
  assert.match(out.steps[0]!.id, /busy/);
  assert.equal(await readdir(busy), ['keep.txt']);
  assert.ok(existsSync(join(box.root, 'srv/next/README')));
});

test('a wrong URL: a clear error naming URL, path and step; nothing is created; the next step still runs', async () => {
  const out = await runChecked(
    { name: 'wrong-url', git: { url: '/srv/missing.git', path: '/opt/deep/repo' } },
    { name: 'good', git: { url: '/srv/repo.git', path: '/opt/good' } },
  );
  assert.equal(
    out.steps.map((s) => s.status),
    ['failed', 'ok'],
  );
  const error = out.steps[0]!.errors[0]!;
  assert.is(error.stepId, out.steps[0]!.id);
  assert.is(error.plugin, 'git');
  assert.match(error.message, /git \/srv\/missing\.git into \/opt\/deep\/repo: `git clone -- \S+ \S+` exited with status 128/);
  assert.match(error.message, /fatal: repository '\S+\/srv\/missing\.git' does not exist/);
  assert.not.ok(existsSync(join(box.root, 'opt/deep')), 'parents made for a failed clone are removed again');
  assert.ok(existsSync(join(box.root, 'opt/good/README')));
});

test('a branch the remote does not have: clear error, nothing left', async () => {
  const out = await runChecked({ git: { url: '/srv/repo.git', path: '/opt/repo', branch: 'nope' } });
  assert.is(out.errors.length, 1);
  assert.match(out.errors[0]!, /Remote branch nope not found/);
  assert.not.ok(existsSync(join(box.root, 'opt')));
});

test('an update whose branch vanished upstream fails and leaves the clone as it was', async () => {
  assert.equal((await runChecked({ git: { url: '/srv/repo.git', path: '/opt/repo', branch: 'feature' } })).errors, []);
  const dest = join(box.root, 'opt/repo');
  const before = await cloneState(dest);
  await git(['branch', '-D', 'feature'], upstream.bare);
  const out = await runChecked({ git: { url: '/srv/repo.git', path: '/opt/repo', branch: 'feature' } });
  assert.is(out.errors.length, 1);
  assert.match(
    out.errors[0]!,
    /git -C \S+ fetch --force -- \S+\/srv\/repo\.git \+refs\/heads\/feature:refs\/remotes\/origin\/feature` exited with status 128/,
  );
  assert.match(out.errors[0]!, /couldn't find remote ref/);
  assert.equal(await cloneState(dest), before);
});

test('an existing clone of another repository is re-pointed at the configured URL', async () => {
  const other = await makeUpstream(join(box.root, 'srv'), 'other.git');
  await other.commit('master', { 'other.txt': 'another project\n' });
  assert.equal((await runChecked({ git: { url: '/srv/other.git', path: '/opt/repo' } })).errors, []);
  const out = await runChecked({ git: { url: '/srv/repo.git', path: '/opt/repo' } });
  assert.equal(out.errors, []);
  const dest = join(box.root, 'opt/repo');
  assert.is((await git(['config', '--get', 'remote.origin.url'], dest)).stdout.trim(), '/srv/repo.git');
  assert.is((await cloneState(dest)).head, await upstream.head('master'));
  assert.not.equal(await upstream.head('master'), await other.head('master'));
  assert.ok(out.logs.some((l) => /origin of the clone was \/srv\/other\.git; set to \/srv\/repo\.git/.test(l.message)));
});

test('bad entries: each a clear error, nothing written', async () => {
  await writeFile(join(box.root, 'srv/file'), 'x');
  const out = await runChecked(
    { name: 'no-path', git: { url: '/srv/repo.git' } },
    { name: 'dash-url', git: { url: '--upload-pack=touch /tmp/x', path: '/opt/a' } },
    { name: 'bad-branch', git: { url: '/srv/repo.git', path: '/opt/b', branch: '--orphan' } },
    { name: 'refspec-branch', git: { url: '/srv/repo.git', path: '/opt/c', branch: 'a:b' } },
    { name: 'a-file', git: { url: '/srv/repo.git', path: '/srv/file' } },
    { name: 'root-itself', git: { url: '/srv/repo.git', path: '/' } },
    { name: 'no-url', git: { path: '/opt/d' } },
  );
  assert.equal(
    out.steps.map((s) => s.status),
    ['failed', 'failed', 'failed', 'failed', 'failed', 'failed', 'ok'],
  );
  const messages = out.steps.map((s) => s.errors.map((e) => e.message).join('; '));
  assert.match(messages[0]!, /`path` is missing/);
  assert.match(messages[1]!, /`url` must not start with "-"/);
  assert.match(messages[2]!, /`branch` "--orphan" is not a valid branch name/);
  assert.match(messages[3]!, /`branch` "a:b" is not a valid branch name/);
  assert.match(messages[4]!, /\/srv\/file exists and is not a directory/);
  assert.match(messages[5]!, /is the root directory itself/);
  assert.ok(out.logs.some((l) => l.level === 'warning' && /no `url` to clone into \/opt\/d/.test(l.message)));
  assert.not.ok(existsSync(join(box.root, 'opt')));
});

test.run();
