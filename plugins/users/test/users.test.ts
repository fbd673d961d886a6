// users against a real Debian root: its own passwd, group, shadow and gshadow, checked with the
// root's own id, getent and passwd -S, and hashes checked with the host's openssl.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Plugin } from '@yipts/core';
import authorizedKeysPlugin from '@yipts/plugin-authorized-keys';
import usersPlugin from '../src/index.js';
import { debianRoot, startHttpServer } from '@yipts/test-fixtures';
import type { TempRoot } from '@yipts/test-fixtures';
import { runYaml } from '@yipts/testing';
import { fieldsOf, inside, modeOwner, opensslHash, readIn } from './helpers.js';

let root: TempRoot;
const plugins: Plugin[] = [usersPlugin()];
const ACCOUNT_FILES = ['etc/passwd', 'etc/group', 'etc/shadow', 'etc/gshadow'];
const snapshot = async () => Promise.all(ACCOUNT_FILES.map((f) => readIn(root.path, f)));
const users = (body: string) => `stages:\n  boot:\n  - name: accounts\n    users:\n${body.replace(/^/gm, '      ')}\n`;

test.before(async () => {
  root = await debianRoot();
});
test.after(async () => {
  await root?.cleanup();
});

const FIRST = users(`zed: {}\nadam:\n  passwd: adam-pw\n  gecos: Adam A\n  shell: /bin/bash`);

test('new users get the first free uids in sorted login order, own groups, homes and crypted passwords', async () => {
  const shadowMode = await modeOwner(join(root.path, 'etc/shadow'));
  const { errors } = await runYaml(FIRST, { plugins, root: root.path, stage: 'boot' });
  assert.equal(errors, []);
  assert.is(await inside(root.path, ['id', 'adam']), 'uid=1000(adam) gid=1000(adam) groups=1000(adam)');
  assert.is(await inside(root.path, ['id', 'zed']), 'uid=1001(zed) gid=1001(zed) groups=1001(zed)');
  assert.is(await inside(root.path, ['getent', 'passwd', 'adam']), 'adam:x:1000:1000:Adam A:/home/adam:/bin/bash');
  // Shell and home base come from the root's /etc/default/useradd (SHELL=/bin/sh).
  assert.is(await inside(root.path, ['getent', 'passwd', 'zed']), 'zed:x:1001:1001:Created by entities:/home/zed:/bin/sh');
  assert.is(await inside(root.path, ['getent', 'group', 'adam']), 'adam:x:1000:adam');
  assert.equal(await fieldsOf(root.path, 'etc/gshadow', 'adam'), ['adam', '!', '', '']);
  const hash = (await fieldsOf(root.path, 'etc/shadow', 'adam'))![1]!;
  assert.match(hash, /^\$6\$/);
  assert.is(await opensslHash('adam-pw', hash), hash);
  assert.match(await inside(root.path, ['passwd', '-S', 'adam']), /^adam P /);
  assert.match(await inside(root.path, ['passwd', '-S', 'zed']), /^zed L /, 'no passwd: locked, not empty');
  assert.is(await modeOwner(join(root.path, 'home/adam')), '755 1000:1000');
  assert.is(await modeOwner(join(root.path, 'home/zed')), '755 1001:1001');
  assert.is(await modeOwner(join(root.path, 'etc/shadow')), shadowMode, 'shadow keeps its mode and group');
});

test('a second run changes nothing: same uids, account files byte for byte', async () => {
  const before = await snapshot();
  const { errors } = await runYaml(FIRST, { plugins, root: root.path, stage: 'boot' });
  assert.equal(errors, []);
  assert.equal(await snapshot(), before);
});

test('a new login that sorts first does not move existing users', async () => {
  const { errors } = await runYaml(users(`aaron: {}\nzed: {}\nadam: {}`), { plugins, root: root.path, stage: 'boot' });
  assert.equal(errors, []);
  assert.is((await fieldsOf(root.path, 'etc/passwd', 'aaron'))![2], '1002');
  assert.is((await fieldsOf(root.path, 'etc/passwd', 'adam'))![2], '1000');
});

test('lock_passwd locks users that exist, root included; aging fields are kept', async () => {
  const rootBefore = (await fieldsOf(root.path, 'etc/shadow', 'root'))!;
  const adamBefore = (await fieldsOf(root.path, 'etc/shadow', 'adam'))!;
  const { errors } = await runYaml(users(`root:\n  lock_passwd: true\nadam:\n  lock_passwd: true`), {
    plugins,
    root: root.path,
    stage: 'boot',
  });
  assert.equal(errors, []);
  const rootAfter = (await fieldsOf(root.path, 'etc/shadow', 'root'))!;
  assert.is(rootAfter[1], `!${rootBefore[1]}`);
  assert.equal(rootAfter.slice(3), rootBefore.slice(3));
  assert.is((await fieldsOf(root.path, 'etc/shadow', 'adam'))![1], `!${adamBefore[1]}`);
  assert.match(await inside(root.path, ['passwd', '-S', 'adam']), /^adam L /);
  assert.match(await inside(root.path, ['passwd', '-S', 'root']), /^root L /);
});

test('an existing user only gets its password: hash verifies, last change today, aging kept', async () => {
  const line = (await readIn(root.path, 'etc/shadow')).replace(/^root:[^\n]*$/m, 'root:*:19000:1:90:14:30::');
  await writeFile(join(root.path, 'etc/shadow'), line);
  const passwdBefore = await inside(root.path, ['getent', 'passwd', 'root']);
  const { errors, logs } = await runYaml(users(`root:\n  passwd: toor\n  shell: /bin/zsh`), {
    plugins,
    root: root.path,
    stage: 'boot',
    env: { PATH: process.env.PATH, SOURCE_DATE_EPOCH: '1700000000' },
  });
  assert.equal(errors, []);
  const f = (await fieldsOf(root.path, 'etc/shadow', 'root'))!;
  assert.is(await opensslHash('toor', f[1]!), f[1]);
  assert.equal(f.slice(2), ['19675', '1', '90', '14', '30', '', '']);
  assert.is(await inside(root.path, ['getent', 'passwd', 'root']), passwdBefore, 'shell of an existing user untouched');
  assert.ok(logs.some((l) => l.level === 'warning' && l.message.includes('`shell` not applied')));
});

test('groups appends to groups that exist (group and gshadow), warns for the others, never twice', async () => {
  const body = users(`adam:\n  groups: [audio, video, nosuchgroup]`);
  const { errors, logs } = await runYaml(body, { plugins, root: root.path, stage: 'boot' });
  assert.equal(errors, []);
  assert.is(await inside(root.path, ['id', '-Gn', 'adam']), 'adam audio video');
  assert.ok(logs.some((l) => l.level === 'warning' && l.message.includes('`nosuchgroup`')));
  assert.is((await fieldsOf(root.path, 'etc/gshadow', 'audio'))![3], 'adam');
  await runYaml(users(`zed:\n  groups: [audio]`), { plugins, root: root.path, stage: 'boot' });
  await runYaml(body, { plugins, root: root.path, stage: 'boot' });
  assert.is(await inside(root.path, ['getent', 'group', 'audio']), 'audio:x:29:adam,zed');
  assert.is(await inside(root.path, ['getent', 'group', 'nosuchgroup']), '', 'a missing group is not created');
});

test('explicit uid, primary_group, stored hashes and lock markers, no_create_home, system users', async () => {
  const hash = '$6$abcdefgh$0ZmcdqLtLyCEOL3sSr.RLCXHqy4PfkSJFDTqJWM7nnlI3lOszJ3KwDd/0FXJiIC6NyfU0gRf6vNZSAfD6RlYp0';
  const { errors } = await runYaml(
    users(
      `svc:\n  uid: 2345\n  primary_group: users\n  no_create_home: true\nhashed:\n  passwd: "${hash}"\nkairos:\n  passwd: "!"\n  lock_passwd: true\ndaemonx:\n  system: true`,
    ),
    { plugins, root: root.path, stage: 'boot' },
  );
  assert.equal(errors, []);
  assert.is(await inside(root.path, ['id', 'svc']), 'uid=2345(svc) gid=100(users) groups=100(users)');
  assert.is(await stat(join(root.path, 'home/svc')).catch(() => null), null, 'no home made');
  assert.is((await fieldsOf(root.path, 'etc/shadow', 'hashed'))![1], hash);
  assert.is((await fieldsOf(root.path, 'etc/shadow', 'kairos'))![1], '!', 'a lock marker is not crypted');
  // System users count down from 999 (uid 998 is systemd-network; gids 999 and 998 are taken too) and get no home.
  assert.is(await inside(root.path, ['id', 'daemonx']), 'uid=999(daemonx) gid=997(daemonx) groups=997(daemonx)');
  assert.is(await inside(root.path, ['getent', 'group', '999']), 'systemd-journal:x:999:');
  assert.is(await stat(join(root.path, 'home/daemonx')).catch(() => null), null);
});

test('bad users are errors naming the login; the others are still created', async () => {
  const { errors, steps } = await runYaml(users(`"bad:name": {}\nnogroup:\n  primary_group: nosuch\nfine: {}\nbaduid:\n  uid: "12x"`), {
    plugins,
    root: root.path,
    stage: 'boot',
  });
  assert.is(steps[0]!.status, 'failed');
  assert.is(errors.length, 3, errors.map((e) => e.message).join('\n'));
  assert.match(errors[0]!.message, /users\.bad:name: `bad:name` is not a valid login name/);
  assert.match(errors[1]!.message, /users\.baduid: uid `12x` is not a valid id/);
  assert.match(errors[2]!.message, /users\.nogroup: primary group `nosuch` does not exist/);
  assert.match(await inside(root.path, ['id', 'fine']), /^uid=\d+\(fine\)/);
  assert.is(await inside(root.path, ['getent', 'passwd', 'nogroup']), '', 'nothing half-made');
});

test('an existing home is handed to the new user; ssh_authorized_keys are written by the authorized-keys plugin', async () => {
  await mkdir(join(root.path, 'srv/keyed'), { recursive: true });
  const key = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIUsersPluginUsersPluginUsersPlugin';
  const fetched = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFetchedForUsersPluginFetchedFor';
  const server = await startHttpServer({ '/keyed.keys': `${fetched}\n` });
  try {
    const withServer: Plugin[] = [usersPlugin(), authorizedKeysPlugin({ githubUrl: server.url, fetchTimeoutMs: 2000 })];
    const { errors, steps } = await runYaml(
      users(`keyed:\n  homedir: /srv/keyed\n  ssh_authorized_keys:\n  - "${key}"\n  - github:keyed\n  - github:missing`),
      { plugins: withServer, root: root.path, stage: 'boot' },
    );
    assert.is(errors.length, 1, errors.map((e) => e.message).join('\n'));
    assert.match(errors[0]!.message, /authorized_keys of keyed: fetching keys of github:missing .*HTTP 404/);
    const [error] = steps[0]!.errors;
    assert.equal(
      [error?.plugin, error?.hook, error?.stepId],
      ['authorized-keys', 'action:authorized_keys', steps[0]!.id],
      'the owner of the key failed',
    );
    const [, , uid, gid] = (await fieldsOf(root.path, 'etc/passwd', 'keyed'))!;
    assert.is(await modeOwner(join(root.path, 'srv/keyed')), `755 ${uid}:${gid}`);
    assert.is(await modeOwner(join(root.path, 'srv/keyed/.ssh')), `700 ${uid}:${gid}`);
    assert.is(await modeOwner(join(root.path, 'srv/keyed/.ssh/authorized_keys')), `600 ${uid}:${gid}`);
    assert.is(await readIn(root.path, 'srv/keyed/.ssh/authorized_keys'), `${key}\n${fetched}\n`);
  } finally {
    await server.close();
  }
});

test('without a plugin for authorized_keys the user is made and its keys are a warning, not a silent drop', async () => {
  const { errors, logs } = await runYaml(users(`keyless:\n  ssh_authorized_keys: ["ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIKeyless"]`), {
    plugins,
    root: root.path,
    stage: 'boot',
  });
  assert.equal(errors, []);
  assert.ok(await fieldsOf(root.path, 'etc/passwd', 'keyless'), 'the user exists');
  assert.ok(
    logs.some((l) => l.level === 'warning' && l.message === 'no plugin handles `authorized_keys`; it is ignored'),
    JSON.stringify(logs),
  );
  assert.not.ok(await readIn(root.path, 'home/keyless/.ssh/authorized_keys').catch(() => undefined), 'no key file written');
});

test('an explicit uid that is taken is used, with a warning', async () => {
  const { errors, logs } = await runYaml(users(`twin:\n  uid: 1000`), { plugins, root: root.path, stage: 'boot' });
  assert.equal(errors, []);
  assert.is((await fieldsOf(root.path, 'etc/passwd', 'twin'))![2], '1000');
  assert.ok(logs.some((l) => l.level === 'warning' && l.message.includes('uid 1000 is already used by `adam`')));
});

test.run();
