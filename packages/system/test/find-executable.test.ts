/** findExecutable: a regular executable file, searched where a command would be, inside the root. */
import { chmod, mkdir, symlink, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { executableSearchPath, findExecutable, STANDARD_PATH } from '../src/index.js';
import { tempDirs } from './helpers.js';

const tmp = tempDirs();
test.after(tmp.cleanup);

/** A name no host has, so that only the test's own copies can be found. */
const TOOL = 'yipts-find-probe';

async function program(path: string, mode = 0o755): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, '#!/bin/sh\n');
  await chmod(path, mode);
}

test('in a root: the path inside it; only regular executable files count', async () => {
  const root = await tmp.make('yipts-root-');
  await program(join(root, 'usr/bin/zypper'));
  await program(join(root, 'usr/bin/dnf'), 0o644);
  await mkdir(join(root, 'usr/bin/apk'), { recursive: true });
  assert.is(await findExecutable(root, 'zypper'), '/usr/bin/zypper');
  assert.is(await findExecutable(root, 'dnf'), undefined, 'not executable');
  assert.is(await findExecutable(root, 'apk'), undefined, 'a directory is no program');
  assert.is(await findExecutable(root, 'sh'), undefined, "the host's sh does not count");
});

test("in a root: the standard PATH, in its order; the caller PATH is not the image's", async () => {
  const root = await tmp.make('yipts-root-');
  await program(join(root, 'usr/sbin', TOOL));
  await program(join(root, 'usr/bin', TOOL));
  await program(join(root, 'opt/bin/other'));
  assert.is(await findExecutable(root, TOOL, { PATH: '/usr/bin' }), `/usr/sbin/${TOOL}`);
  assert.is(await findExecutable(root, 'other', { PATH: '/opt/bin' }), undefined);
  assert.equal(executableSearchPath(root, { PATH: '/opt/bin' }), STANDARD_PATH.split(':'));
});

test("in a root: the image's links are followed inside it", async () => {
  const root = await tmp.make('yipts-root-');
  await program(join(root, 'usr/lib/tool/real'));
  await mkdir(join(root, 'usr/bin'), { recursive: true });
  // Absolute targets mean the root's own files, not the host's.
  await symlink('/usr/lib/tool/real', join(root, 'usr/bin', TOOL));
  await symlink('/bin/sh', join(root, 'usr/bin/host-sh'));
  await program(join(root, 'opt/sbin/linked-dir'));
  await mkdir(join(root, 'usr/local'), { recursive: true });
  await symlink('/opt/sbin', join(root, 'usr/local/sbin'));
  assert.is(await findExecutable(root, TOOL), `/usr/bin/${TOOL}`);
  assert.is(await findExecutable(root, 'host-sh'), undefined, 'a link to a file only the host has is dangling in the root');
  assert.is(await findExecutable(root, 'linked-dir'), '/usr/local/sbin/linked-dir');
});

test('on the host: the caller PATH, first match wins; relative entries are skipped', async () => {
  const first = await tmp.make();
  const second = await tmp.make();
  await program(join(first, TOOL));
  await program(join(second, TOOL));
  await program(join(second, 'second-only'));
  assert.is(await findExecutable('/', TOOL, { PATH: `${first}:${second}` }), join(first, TOOL));
  assert.is(await findExecutable('/', 'second-only', { PATH: `${first}::${second}/` }), join(second, 'second-only'));
  const rel = relative(process.cwd(), first);
  assert.is(await findExecutable('/', TOOL, { PATH: rel }), undefined, 'relative to whoever started the run');
  assert.equal(executableSearchPath('/', { PATH: `${rel}:${second}` }), [second]);
});

test('on the host without a PATH: the standard one', async () => {
  assert.equal(executableSearchPath('/'), STANDARD_PATH.split(':'));
  assert.equal(executableSearchPath('/', { PATH: '' }), STANDARD_PATH.split(':'));
  assert.ok(await findExecutable('/', 'sh', {}), 'every host has a sh in the standard PATH');
  assert.is(await findExecutable('/', TOOL, {}), undefined);
});

test.run();
