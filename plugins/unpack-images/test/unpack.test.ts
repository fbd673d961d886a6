import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { chmod, lstat, mkdir, mkdtemp, readdir, readFile, readlink, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hostPlatform } from '../src/platform.js';
import { buildLayer } from './support/tar-build.js';
import { DOCKER_MANIFEST, pushImage, pushIndex, startRegistry } from './support/registry.js';
import type { TestRegistry } from './support/registry.js';
import { config, runStage } from './support/run-stage.js';

// Ownership needs root: elsewhere these tests show up as skipped in the closing count, never as passed.
const isRoot = process.getuid?.() === 0;
const asRoot = isRoot ? test : test.skip;

let reg: TestRegistry;
let root: string;

const base = buildLayer([
  { name: 'etc/', type: 'dir' },
  { name: 'etc/os-release', content: 'NAME=test\n' },
  { name: 'etc/old.conf', content: 'to be whited out\n' },
  { name: 'usr/bin/tool', content: '#!/bin/sh\necho tool\n', mode: 0o755, mtime: 1_600_000_000 },
  { name: 'usr/bin/tool-hard', type: 'hardlink', linkname: 'usr/bin/tool' },
  { name: 'bin', type: 'symlink', linkname: 'usr/bin' },
  { name: 'opt/data/', type: 'dir', mode: 0o750 },
  { name: 'opt/data/a', content: 'a' },
  { name: 'opt/data/b', content: 'b' },
  { name: 'dev/fifo', type: 'fifo' },
]);
const upper = (arch: string) =>
  buildLayer([
    { name: 'etc/.wh.old.conf' },
    { name: 'opt/data/c', content: 'c' },
    { name: 'opt/data/.wh..wh..opq' },
    { name: 'home/kairos/', type: 'dir', uid: 1000, gid: 1000, mode: 0o700 },
    { name: 'home/kairos/.profile', content: 'export A=1\n', uid: 1000, gid: 1000, mode: 0o600 },
    { name: 'arch', content: arch },
    { name: 'etc/os-release', content: 'NAME=upper\n' },
  ]);

test.before(async () => {
  reg = await startRegistry();
  const amd = pushImage(reg, 'kairos/base', [], [base, upper('amd64')], { os: 'linux', architecture: 'amd64' });
  const arm = pushImage(reg, 'kairos/base', [], [base, upper('arm64')], { os: 'linux', architecture: 'arm64' }, DOCKER_MANIFEST);
  pushIndex(reg, 'kairos/base', ['v1'], [amd, arm]);
  pushImage(reg, 'single', ['latest'], [buildLayer([{ name: 'hello', content: 'world' }])]);
});

test.after(async () => {
  await reg.close();
});

test.before.each(async () => {
  root = await mkdtemp(join(tmpdir(), 'yipts-unpack-root-'));
  reg.auth = { kind: 'none' };
  reg.log.length = 0;
  reg.corrupt.clear();
  reg.hang.clear();
  reg.flaky.clear();
});

test.after.each(async () => {
  await rm(root, { recursive: true, force: true });
});

const hidden = async (dir: string) => (await readdir(dir)).filter((n) => n.includes('yipts-unpack'));

test('multi-layer image from an index: files, modes, links, whiteouts, owners, no leftovers', async () => {
  const run = await runStage(config([{ source: `${reg.host}/kairos/base:v1`, target: '/srv/image', platform: 'linux/arm64' }]), root);
  assert.equal(run.errors, []);
  assert.equal(run.statuses, ['ok']);
  const t = join(root, 'srv/image');
  assert.is(await readFile(join(t, 'arch'), 'utf8'), 'arm64');
  assert.is(await readFile(join(t, 'etc/os-release'), 'utf8'), 'NAME=upper\n');
  const tool = await stat(join(t, 'usr/bin/tool'));
  assert.is(tool.mode & 0o7777, 0o755);
  assert.is(tool.mtimeMs, 1_600_000_000_000);
  assert.is((await stat(join(t, 'usr/bin/tool-hard'))).ino, tool.ino);
  assert.is(await readlink(join(t, 'bin')), 'usr/bin');
  assert.not.ok(await lstat(join(t, 'etc/old.conf')).catch(() => undefined), 'whiteout removes a lower file');
  assert.equal((await readdir(join(t, 'opt/data'))).sort(), ['c'], 'opaque whiteout hides lower entries only');
  assert.is((await stat(join(t, 'opt/data'))).mode & 0o7777, 0o750);
  if (isRoot) {
    const profile = await stat(join(t, 'home/kairos/.profile'));
    assert.equal([profile.uid, profile.gid, profile.mode & 0o777], [1000, 1000, 0o600]);
  }
  assert.is((await stat(t)).mode & 0o777, 0o755);
  assert.equal(await hidden(join(root, 'srv')), [], 'staging directory removed');
  assert.ok(
    run.logs.some((l) => l.level === 'warning' && /dev\/fifo/.test(l.message)),
    'skipped special files are reported',
  );
  assert.equal(reg.log.filter((l) => l.includes('/manifests/')).length, 2, 'index, then the platform manifest');
});

test('platform defaults to the host; an unknown one is a clear error', async () => {
  const run = await runStage(
    config([
      { source: `${reg.host}/kairos/base:v1`, target: '/a' },
      { source: `${reg.host}/kairos/base:v1`, target: '/b', platform: 'linux/s390x' },
    ]),
    root,
  );
  const host = hostPlatform().architecture;
  if (host === 'amd64' || host === 'arm64') assert.is(await readFile(join(root, 'a/arch'), 'utf8'), host);
  assert.is(run.errors.length, 1);
  assert.match(
    run.errors[0]!,
    /unpack image .*kairos\/base:v1 into \/b: manifest v1: no image for linux\/s390x in the index \(it has linux\/amd64, linux\/arm64\)/,
  );
  assert.not.ok(await lstat(join(root, 'b')).catch(() => undefined));
});

test('applied onto an existing target: its other files stay, the image wins where both have a path', async () => {
  const t = join(root, 'data');
  await mkdir(join(t, 'opt/data'), { recursive: true });
  await writeFile(join(t, 'keep.txt'), 'mine');
  await writeFile(join(t, 'arch'), 'old');
  await writeFile(join(t, 'opt/data/a'), 'existing a');
  await mkdir(join(t, 'hello'));
  await mkdir(join(t, 'home'), { mode: 0o711 });
  await chmod(join(t, 'home'), 0o711);
  const run = await runStage(
    config([
      { source: `${reg.host}/kairos/base:v1`, target: '/data', platform: 'linux/amd64' },
      { source: `${reg.host}/single`, target: '/data' },
    ]),
    root,
  );
  assert.equal(run.errors, []);
  assert.is(await readFile(join(t, 'keep.txt'), 'utf8'), 'mine');
  assert.is(await readFile(join(t, 'arch'), 'utf8'), 'amd64');
  // as yip: whiteouts act on the image's own layers, not on what the target already had
  assert.is(await readFile(join(t, 'opt/data/a'), 'utf8'), 'existing a');
  assert.is(await readFile(join(t, 'hello'), 'utf8'), 'world', 'a directory in the way of a file is replaced');
  assert.is((await stat(join(t, 'opt/data'))).mode & 0o7777, 0o750, 'a directory the image names takes its mode');
  assert.is((await stat(join(t, 'home'))).mode & 0o7777, 0o711, 'a parent the image only implies keeps the target mode');
  assert.is(await readFile(join(t, 'home/kairos/.profile'), 'utf8'), 'export A=1\n');
  assert.equal(await hidden(root), []);
});

test('the target is resolved inside the root: an absolute symlink in the root stays in the root', async () => {
  await mkdir(join(root, 'real'));
  await symlink('/real', join(root, 'link'));
  const run = await runStage(config([{ source: `${reg.host}/single:latest`, target: '/link/img' }]), root);
  assert.equal(run.errors, []);
  assert.is(await readFile(join(root, 'real/img/hello'), 'utf8'), 'world');
});

test('target `/`: the image is applied onto the root itself', async () => {
  await mkdir(join(root, 'etc'));
  await writeFile(join(root, 'etc/hostname'), 'kept\n');
  const run = await runStage(config([{ source: `${reg.host}/single`, target: '/' }]), root);
  assert.equal(run.errors, []);
  assert.is(await readFile(join(root, 'hello'), 'utf8'), 'world');
  assert.is(await readFile(join(root, 'etc/hostname'), 'utf8'), 'kept\n');
  assert.equal(await hidden(root), []);
});

asRoot('an existing target that is a mount point (as /usr/local on COS_PERSISTENT) is filled in place', async () => {
  const mnt = join(root, 'usr/local');
  await mkdir(mnt, { recursive: true });
  execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=16m', 'yipts-unpack-test', mnt]);
  try {
    await writeFile(join(mnt, 'before'), 'b');
    const run = await runStage(config([{ source: `${reg.host}/single`, target: '/usr/local' }]), root);
    assert.equal(run.errors, []);
    assert.is(await readFile(join(mnt, 'hello'), 'utf8'), 'world');
    assert.is(await readFile(join(mnt, 'before'), 'utf8'), 'b');
    assert.equal(await hidden(mnt), []);
    assert.equal(await hidden(join(root, 'usr')), []);
  } finally {
    execFileSync('umount', [mnt]);
  }
});

test('anonymous Bearer token: challenge answered, token used for manifests and blobs', async () => {
  reg.auth = { kind: 'bearer' };
  const run = await runStage(config([{ source: `${reg.host}/single`, target: '/x' }]), root);
  assert.equal(run.errors, []);
  assert.is(await readFile(join(root, 'x/hello'), 'utf8'), 'world');
  assert.ok(reg.log.includes('GET /token'), 'token fetched anonymously');
  assert.equal(reg.log.filter((l) => l.startsWith('GET /token')).length, 1, 'one token for the whole image');
  assert.ok(reg.log.some((l) => l.startsWith('GET /v2/single/blobs/') && l.endsWith('auth=Bearer')));
});

test('Bearer token with credentials; without them a clear error', async () => {
  reg.auth = { kind: 'bearer', user: 'ci', password: 's3cret' };
  const ok = await runStage(config([{ source: `${reg.host}/single`, target: '/x' }]), root, {
    credentials: { [reg.host]: { username: 'ci', password: 's3cret' } },
  });
  assert.equal(ok.errors, []);
  assert.ok(reg.log.includes('GET /token auth=Basic'));
  const denied = await runStage(config([{ source: `${reg.host}/single`, target: '/y' }]), root);
  assert.is(denied.errors.length, 1);
  assert.match(denied.errors[0]!, /into \/y: manifest latest: token request to http:\/\/127\.0\.0\.1:\d+\/token: 401/);
});

test('Basic auth from the docker config file', async () => {
  reg.auth = { kind: 'basic', user: 'u', password: 'p' };
  const dockerDir = join(root, 'docker-config');
  await mkdir(dockerDir);
  await writeFile(
    join(dockerDir, 'config.json'),
    JSON.stringify({ auths: { [reg.host]: { auth: Buffer.from('u:p').toString('base64') } } }),
  );
  const { createExecutor } = await import('@yipts/core');
  const { default: plugin } = await import('../src/index.js');
  const executor = createExecutor({ plugins: [plugin({ retries: 0 })], logger: { log: () => undefined } });
  const result = await executor.runStage(
    'test',
    [{ kind: 'inline', name: 'c.yaml', text: config([{ source: `${reg.host}/single`, target: '/z' }]) }],
    { root, env: { DOCKER_CONFIG: dockerDir } },
  );
  assert.ok(result.ok, JSON.stringify(result.stages.flatMap((s) => s.steps.flatMap((st) => st.errors.map((e) => e.message)))));
  assert.is(await readFile(join(root, 'z/hello'), 'utf8'), 'world');
});

test('missing tag (404) and bad layer digest: errors name the phase, nothing is left, the next step runs', async () => {
  const image = pushImage(reg, 'broken', ['v1'], [buildLayer([{ name: 'ok', content: '1' }]), buildLayer([{ name: 'bad', content: '2' }])]);
  reg.corrupt.add(image.layers[1]!.digest);
  const run = await runStage(
    config(
      [
        { source: `${reg.host}/single:nope`, target: '/missing' },
        { source: `${reg.host}/broken:v1`, target: '/broken' },
      ],
      [{ source: `${reg.host}/single`, target: '/after' }],
    ),
    root,
  );
  assert.is(run.errors.length, 2);
  assert.match(run.errors[0]!, /unpack image 127\.0\.0\.1:\d+\/single:nope into \/missing: manifest nope: 404 Not Found: MANIFEST_UNKNOWN/);
  assert.match(run.errors[1]!, new RegExp(`into /broken: layer 2/2 ${image.layers[1]!.digest}: download: digest mismatch`));
  assert.equal(run.statuses, ['failed', 'ok']);
  assert.is(await readFile(join(root, 'after/hello'), 'utf8'), 'world');
  assert.equal((await readdir(root)).sort(), ['after'], 'no target, no staging left by the failures');
});

test('a manifest asked by digest is checked against it', async () => {
  const image = pushImage(reg, 'bydigest', ['t'], [buildLayer([{ name: 'f', content: 'x' }])]);
  const ok = await runStage(config([{ source: `${reg.host}/bydigest@${image.digest}`, target: '/d' }]), root);
  assert.equal(ok.errors, []);
  const other = pushImage(reg, 'bydigest', ['u'], [buildLayer([{ name: 'g', content: 'y' }])]);
  const wrong = await runStage(
    config([{ source: `${reg.host}/bydigest:u@${image.digest.replace(/.$/, (c) => (c === '0' ? '1' : '0'))}`, target: '/e' }]),
    root,
  );
  assert.is(wrong.errors.length, 1, other.digest);
  assert.match(wrong.errors[0]!, /manifest sha256:[0-9a-f]{64}: 404/);
});

test('a registry that goes silent is given up after the idle limit', async () => {
  const image = pushImage(reg, 'slow', ['v1'], [buildLayer([{ name: 'f', content: 'x' }])]);
  reg.hang.add(image.layers[0]!.digest);
  const started = Date.now();
  const run = await runStage(config([{ source: `${reg.host}/slow:v1`, target: '/slow' }]), root, { idleTimeoutMs: 300 });
  assert.ok(Date.now() - started < 5000);
  assert.is(run.errors.length, 1);
  assert.match(run.errors[0]!, /layer 1\/1 sha256:[0-9a-f]+: download: no data for 300 ms/);
  assert.equal(await readdir(root), []);
});

test('503 is retried; retries exhausted is an error naming the status', async () => {
  const image = pushImage(reg, 'flaky', ['v1'], [buildLayer([{ name: 'f', content: 'x' }])]);
  const digest = image.layers[0]!.digest;
  reg.flaky.set(digest, 1);
  const ok = await runStage(config([{ source: `${reg.host}/flaky:v1`, target: '/ok' }]), root, { retries: 1 });
  assert.equal(ok.errors, []);
  assert.equal(reg.log.filter((l) => l.includes(digest)).length, 2);
  reg.flaky.set(digest, 5);
  const failed = await runStage(config([{ source: `${reg.host}/flaky:v1`, target: '/failed' }]), root, { retries: 1 });
  assert.match(failed.errors[0] ?? '', /layer 1\/1 sha256:[0-9a-f]+: download: 503 Service Unavailable: UNAVAILABLE try again/);
  assert.is(reg.log.filter((l) => l.includes(digest)).length, 4);
});

test('timeoutMs bounds a whole image', async () => {
  const image = pushImage(reg, 'slow2', ['v1'], [buildLayer([{ name: 'f', content: 'x' }])]);
  reg.hang.add(image.layers[0]!.digest);
  const started = Date.now();
  const run = await runStage(config([{ source: `${reg.host}/slow2:v1`, target: '/slow' }]), root, { timeoutMs: 400 });
  assert.ok(Date.now() - started < 5000);
  assert.match(run.errors[0] ?? '', /download: stopped: .*timeout/i);
  assert.equal(await readdir(root), []);
});

test('a layer made by GNU tar (pax, long names, a large file) comes through intact', async () => {
  const src = join(root, 'src');
  const long = `deep/${'x'.repeat(60)}/${'y'.repeat(60)}`;
  await mkdir(join(src, long), { recursive: true });
  const big = randomBytes(3 * 1024 * 1024 + 123);
  await writeFile(join(src, long, 'big.bin'), big);
  await symlink(`../${'z'.repeat(150)}`, join(src, 'long-link'));
  const layer = execFileSync('tar', ['-C', src, '--format=posix', '-cz', '.'], { maxBuffer: 64 << 20 });
  pushImage(reg, 'gnutar', ['v1'], [layer]);
  const run = await runStage(config([{ source: `${reg.host}/gnutar:v1`, target: '/img' }]), root);
  assert.equal(run.errors, []);
  assert.ok((await readFile(join(root, 'img', long, 'big.bin'))).equals(big));
  assert.is(await readlink(join(root, 'img/long-link')), `../${'z'.repeat(150)}`);
});

test('entries without source or target are skipped with a warning, as yip', async () => {
  const run = await runStage('stages:\n  test:\n    - unpack_images:\n        - target: /x\n        - source: foo\n', root);
  assert.equal(run.errors, []);
  assert.is(run.logs.filter((l) => l.level === 'warning' && /unpack_images: entry without/.test(l.message)).length, 2);
  assert.equal(reg.log, []);
});

test.run();
