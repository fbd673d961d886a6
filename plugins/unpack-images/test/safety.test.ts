import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { lstat, mkdir, mkdtemp, readdir, readFile, readlink, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildLayer } from './support/tar-build.js';
import type { Member } from './support/tar-build.js';
import { pushImage, startRegistry } from './support/registry.js';
import type { TestRegistry } from './support/registry.js';
import { config, runStage } from './support/run-stage.js';

// The root sits three levels below `outside`: a layer climbing out of the target would land in
// `outside` (or above it, in the temporary directory, which the tests also watch).
let reg: TestRegistry;
let outside: string;
let root: string;
let n = 0;

test.before(async () => {
  reg = await startRegistry();
});

test.after(async () => {
  await reg.close();
});

test.before.each(async () => {
  outside = await mkdtemp(join(tmpdir(), 'yipts-unpack-outside-'));
  root = join(outside, 'a/b/root');
  await mkdir(root, { recursive: true });
});

test.after.each(async () => {
  await rm(outside, { recursive: true, force: true });
});

/** Every path under `outside` except the target's contents. */
async function walk(dir: string, prefix = ''): Promise<string[]> {
  const out: string[] = [];
  for (const name of await readdir(dir)) {
    const rel = `${prefix}${name}`;
    out.push(rel);
    if ((await lstat(join(dir, name))).isDirectory() && rel !== 'a/b/root/t') out.push(...(await walk(join(dir, name), `${rel}/`)));
  }
  return out.sort();
}

async function unpack(members: Member[]) {
  const repo = `evil${n++}`;
  pushImage(reg, repo, ['v1'], [buildLayer([{ name: 'first', content: 'ok' }]), buildLayer(members)]);
  return runStage(config([{ source: `${reg.host}/${repo}:v1`, target: '/t' }]), root);
}

const escapeFiles = () => readdir(tmpdir()).then((names) => names.filter((n) => /^(escape|pwned|abs-escape)/.test(n)));

test('`..` in a member name fails the image; nothing is written anywhere', async () => {
  const run = await unpack([
    { name: 'fine', content: '1' },
    { name: '../../../../escape', content: 'x' },
  ]);
  assert.is(run.errors.length, 1);
  assert.match(
    run.errors[0]!,
    /layer 2\/2 sha256:[0-9a-f]+: extract: member "\.\.\/\.\.\/\.\.\/\.\.\/escape" climbs out of the image root/,
  );
  assert.equal(await walk(outside), ['a', 'a/b', 'a/b/root']);
  assert.equal(await escapeFiles(), []);
});

test('an absolute member name fails the image', async () => {
  const run = await unpack([{ name: `${outside}/abs-escape`, content: 'x' }]);
  assert.match(run.errors[0] ?? '', /extract: member ".*abs-escape" has an absolute name/);
  assert.equal(await walk(outside), ['a', 'a/b', 'a/b/root']);
});

test('a hard link to a path out of the image fails the image', async () => {
  const run = await unpack([{ name: 'passwd', type: 'hardlink', linkname: '../../../../../etc/passwd' }]);
  assert.match(run.errors[0] ?? '', /member "\.\.\/.*etc\/passwd" climbs out/);
  assert.equal(await walk(outside), ['a', 'a/b', 'a/b/root']);
});

test('files written through symlinks that point out land inside the target, as in a chroot', async () => {
  const run = await unpack([
    { name: 'up', type: 'symlink', linkname: '../../../../../../..' },
    { name: 'up/pwned-relative', content: 'x' },
    { name: 'abs', type: 'symlink', linkname: outside },
    { name: 'abs/pwned-absolute', content: 'x' },
    { name: 'slash', type: 'symlink', linkname: '/' },
    { name: 'slash/tmp/pwned-slash', content: 'x' },
    { name: 'deep', type: 'symlink', linkname: 'up/a/b' },
    { name: 'deep/pwned-deep', content: 'x' },
    { name: 'up', type: 'symlink', linkname: '/etc' },
    { name: 'hl', type: 'hardlink', linkname: 'slash/tmp/pwned-slash' },
  ]);
  assert.equal(run.errors, []);
  const t = join(root, 't');
  assert.is(await readFile(join(t, 'pwned-relative'), 'utf8'), 'x');
  assert.is(await readFile(join(t, outside, 'pwned-absolute'), 'utf8'), 'x');
  assert.is(await readFile(join(t, 'tmp/pwned-slash'), 'utf8'), 'x');
  assert.is(await readFile(join(t, 'a/b/pwned-deep'), 'utf8'), 'x');
  assert.is(await readlink(join(t, 'up')), '/etc', 'a later symlink replaces the earlier one, not its target');
  assert.is(await readFile(join(t, 'hl'), 'utf8'), 'x');
  assert.equal(
    (await walk(outside)).filter((p) => !p.startsWith('a/b/root/t')),
    ['a', 'a/b', 'a/b/root'],
  );
  assert.equal(await escapeFiles(), []);
});

test('an existing target with a symlink pointing out: the image replaces the link, never writes through it', async () => {
  const victim = join(outside, 'victim');
  await mkdir(victim);
  await mkdir(join(root, 't'), { recursive: true });
  await symlink(victim, join(root, 't/etc'));
  const run = await unpack([{ name: 'etc/passwd', content: 'root::0:0::/root:/bin/sh\n' }]);
  assert.equal(run.errors, []);
  assert.equal(await readdir(victim), []);
  assert.ok((await lstat(join(root, 't/etc'))).isDirectory());
  assert.is(await readFile(join(root, 't/etc/passwd'), 'utf8'), 'root::0:0::/root:/bin/sh\n');
});

test('whiteouts cannot reach out of the target either', async () => {
  await writeFile(join(outside, 'a/keep'), 'k');
  const run = await unpack([{ name: 'up', type: 'symlink', linkname: '../..' }, { name: 'up/.wh.keep' }, { name: 'up/a/.wh..wh..opq' }]);
  assert.equal(run.errors, []);
  assert.is(await readFile(join(outside, 'a/keep'), 'utf8'), 'k');
  assert.ok((await readdir(root)).includes('t'));
});

test.run();
