/** `directories`: created with mode and owner, parents too; existing ones fixed; files refused. */
import { mkdir, stat, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { DEFAULT_DIRECTORY_MODE } from '../src/index.js';
import { tempDirs } from '@yipts/testing';
import { assertModes, listTree, makeRoot, modeOf, oneStep, runFiles, stepOk } from './helpers.js';

const tmp = tempDirs('yipts-files-');
test.after(tmp.cleanup);

test('missing parents get the same mode (and owner) as the directory', async () => {
  const root = await makeRoot(tmp);
  await stepOk(root, 'directories', '        - {path: /var/lib/app/data, permissions: 0750, owner: 1000, group: 1500}\n');
  for (const p of ['var', 'var/lib', 'var/lib/app', 'var/lib/app/data']) {
    const st = await stat(join(root, p));
    assert.is(st.mode & 0o7777, 0o750, p);
    if (process.getuid?.() === 0) assert.equal([st.uid, st.gid], [1000, 1500], p);
  }
});

test('missing permissions means 0755; explicit 0 means 0000', async () => {
  const root = await makeRoot(tmp);
  await stepOk(root, 'directories', '        - {path: /default}\n        - {path: /closed, permissions: 0}\n');
  assert.is(DEFAULT_DIRECTORY_MODE, 0o755);
  await assertModes(root, { default: '0755', closed: '0000' });
});

test('an existing directory is chmod-ed and chown-ed; its parents and content are left alone', async () => {
  const root = await makeRoot(tmp);
  await mkdir(join(root, 'srv/www'), { recursive: true, mode: 0o700 });
  await writeFile(join(root, 'srv/www/index.html'), 'keep');
  await stepOk(root, 'directories', '        - {path: /srv/www, permissions: 0755, owner: 33, group: 33}\n');
  await assertModes(root, { 'srv/www': '0755', srv: '0700' });
  if (process.getuid?.() === 0) assert.is((await stat(join(root, 'srv/www'))).uid, 33);
  assert.ok((await listTree(root)).includes('srv/www/index.html'));
});

test('an existing file at the path is an error naming it; the next entry is still done', async () => {
  const root = await makeRoot(tmp);
  await writeFile(join(root, 'etc/not-a-dir'), 'file');
  const steps = await runFiles(
    oneStep(
      'directories',
      '        - {path: /etc/not-a-dir}\n        - {path: /etc/not-a-dir/sub}\n        - {}\n        - {path: /after}\n',
    ),
    root,
  );
  const reasons = steps[0]!.errors.map((e) => e.reason);
  assert.is(reasons.length, 3, JSON.stringify(reasons));
  assert.match(reasons[0]!, 'directory /etc/not-a-dir: /etc/not-a-dir exists and is not a directory');
  assert.match(reasons[1]!, 'directory /etc/not-a-dir/sub');
  assert.match(reasons[2]!, 'no `path`');
  assert.ok(steps[0]!.errors.every((e) => e.plugin === 'files' && e.hook === 'action:directories'));
  assert.is(await modeOf(join(root, 'after')), 0o755);
  assert.is((await stat(join(root, 'etc/not-a-dir'))).isFile(), true, 'the file is untouched');
});

test('directories are made inside the root, even through links that point outside', async () => {
  const root = await makeRoot(tmp);
  const outside = await tmp.make('yipts-dirs-outside-');
  await symlink(outside, join(root, 'out'));
  await symlink('../../../../../..', join(root, 'up'));
  const steps = await runFiles(
    oneStep('directories', `        - {path: /out/a/b}\n        - {path: /up${outside}/c}\n        - {path: /x/../out/d}\n`),
    root,
  );
  assert.equal(steps[0]!.errors, []);
  assert.equal(await listTree(outside), []);
  const inside = await listTree(join(root, outside));
  assert.equal(inside, ['a', 'a/b', 'c', 'd']);
});

test('a misspelt `permissions` is ignored (a plan warning): the directory is made with the default mode', async () => {
  const root = await makeRoot(tmp);
  const steps = await runFiles(oneStep('directories', '        - {path: /w, permisions: 0700}\n'), root);
  assert.is(steps[0]!.status, 'ok');
  assert.is(await modeOf(join(root, 'w')), 0o755, 'the misspelt key is ignored: the default applies');
});

test.run();
