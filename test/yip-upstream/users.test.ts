// yip's user tests (pkg/plugins/user_test.go), through the real CLI with `--root` on a root holding
// only account files; `github:` keys come from a loopback server standing in for GitHub.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { removeTempDirs, tempDir, writeTree } from '../helpers/tmp.js';
import { stepsSucceed } from './support.js';
import { startHttpServer } from '../fixtures/index.js';
import type { TestHttpServer } from '../fixtures/index.js';

const test = suite('yip upstream: users');
const GITHUB_KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHlpcHRzLXVwc3RyZWFtLXVzZXJzLXRlc3Qta2V5 someone@github';
const LITERAL_KEY = 'efafeeafea,t,t,pgl3,pbar';
let github: TestHttpServer;
let config: string;

test.before(async () => {
  github = await startHttpServer({ '/someone.keys': `${GITHUB_KEY}\n` });
  config = `pluginOptions:\n  authorized-keys: {githubUrl: "${github.url}"}\n`;
});
test.after(async () => {
  await github?.close();
  removeTempDirs();
});

// System accounts up to uid 999, as on a desktop distribution: a new user starts at 1000.
const EXISTING_PASSWD = [
  'root:x:0:0::/root:/bin/bash',
  'bin:x:1:1::/:/usr/bin/nologin',
  'daemon:x:2:2::/:/usr/bin/nologin',
  'dbus:x:81:81:System Message Bus:/:/usr/bin/nologin',
  'polkitd:x:102:102:PolicyKit daemon:/:/usr/bin/nologin',
  'systemd-network:x:979:979:systemd Network Management:/:/usr/bin/nologin',
  'systemd-timesync:x:975:975:systemd Time Synchronization:/:/usr/bin/nologin',
  'last:x:999:999:Test user for uid:/:/usr/bin/nologin',
];

function accountRoot(shadow = ''): string {
  const passwd = `${EXISTING_PASSWD.join('\n')}\n`;
  return writeTree(tempDir('yipts-upstream-users-'), { 'etc/passwd': passwd, 'etc/shadow': shadow, 'etc/group': '' });
}

/** One `users` step with the given users (YAML flow mapping), run in `root`. */
async function users(root: string, spec: string): Promise<void> {
  await stepsSucceed(root, `    - users: ${spec}\n`, { config });
}

const read = (root: string, path: string) => readFileSync(join(root, path), 'utf8');

/** The passwd fields of `login`, after checking that every account that was there still is. */
function passwdOf(root: string, login: string): { gecos: string; home: string; shell: string; password: string; uid: number } {
  const lines = read(root, 'etc/passwd').split('\n');
  for (const existing of EXISTING_PASSWD) assert.ok(lines.includes(existing), `${existing} is kept`);
  const fields = lines.find((l) => l.startsWith(`${login}:`))?.split(':');
  if (!fields) throw new assert.Assertion({ message: `${login} is in /etc/passwd`, operator: 'ok', actual: lines, expects: login });
  return { password: fields[1]!, uid: Number(fields[2]), gecos: fields[4]!, home: fields[5]!, shell: fields[6]! };
}

const SHADOW_WITH_FOO = [
  'foo:$6$saltsalt$k9uUiDx4DzSmK0sw7uZ.jM0W3VGRz1kDq3DjKd2yDoCeR8nH6YhKxAw9J0wd8aZu5nHc2cOQ9eWqW8iVx1Qb0/:18820::::::',
  'rancher:$6$othersalt$Nq0vA4f7W0Xvt0aH1v9Qz2cL6yB5d8eR3tU7iK1oP4sD6fG9hJ2kL5zX8cV1bN3mQ7wE0rT4yU6iO9pA2sD5/:18820::::::',
].join('\n');

// user_test.go, "change user password"
test('change user password', async () => {
  const root = accountRoot();
  await users(root, `{foo: {passwd: "$fkekofe", ssh_authorized_keys: ["github:someone", "${LITERAL_KEY}"]}}`);
  assert.is(read(root, 'etc/group'), 'foo:x:1000:foo\n');
  assert.match(read(root, 'etc/shadow'), 'foo:$fkekofe:');
  assert.equal(passwdOf(root, 'foo'), { password: 'x', uid: 1000, gecos: 'Created by entities', home: '/home/foo', shell: '/bin/sh' });
  const keys = read(root, 'home/foo/.ssh/authorized_keys');
  assert.ok(keys.includes(GITHUB_KEY), keys);
  assert.ok(keys.includes(LITERAL_KEY), keys);
});

// user_test.go, "set UID and Lockpasswd". yip replaces the password with `!`; yipts puts `!` in
// front of it (README, Compatibility: `lock_passwd` discards the password).
test('set UID and Lockpasswd', async () => {
  const root = accountRoot();
  await users(root, '{foo: {passwd: "$fkekofe", lock_passwd: true, uid: "5000", homedir: /run/foo, shell: /bin/bash}}');
  assert.is(read(root, 'etc/group'), 'foo:x:1000:foo\n', 'the group takes the first free gid, not the uid');
  assert.match(read(root, 'etc/shadow'), 'foo:!$fkekofe:');
  assert.equal(passwdOf(root, 'foo'), { password: 'x', uid: 5000, gecos: 'Created by entities', home: '/run/foo', shell: '/bin/bash' });
});

// user_test.go, "edits already existing user password": the shadow line exists, the passwd one not
test('edits already existing user password', async () => {
  const root = accountRoot(SHADOW_WITH_FOO);
  await users(root, `{foo: {passwd: "$fkekofe", homedir: /home/foo, ssh_authorized_keys: ["github:someone", "${LITERAL_KEY}"]}}`);
  assert.is(read(root, 'etc/group'), 'foo:x:1000:foo\n');
  const shadow = read(root, 'etc/shadow');
  assert.match(shadow, 'foo:$fkekofe:');
  assert.is(shadow.split('\n').filter((l) => l.startsWith('foo:')).length, 1, 'the line is replaced, not doubled');
  assert.match(shadow, 'rancher:$6$othersalt$');
  assert.equal(passwdOf(root, 'foo'), { password: 'x', uid: 1000, gecos: 'Created by entities', home: '/home/foo', shell: '/bin/sh' });
  const keys = read(root, 'home/foo/.ssh/authorized_keys');
  assert.ok(keys.includes(GITHUB_KEY) && keys.includes(LITERAL_KEY), keys);
});

// user_test.go, "preserves password aging fields when editing an existing user password"
test('preserves password aging fields when editing an existing user password', async () => {
  const root = accountRoot(SHADOW_WITH_FOO.replace('18820::::::', '18820:1:365:14:30:20000:'));
  await users(root, '{foo: {passwd: "$fkekofe", homedir: /home/foo}}');
  const shadow = read(root, 'etc/shadow');
  assert.match(shadow, 'foo:$fkekofe:');
  assert.match(shadow, ':1:365:14:30:20000:');
});

// user_test.go, "adds users to group"
test('adds users to group', async () => {
  const root = accountRoot();
  await users(root, `{admin: {passwd: "$fkekofe", homedir: /home/foo, ssh_authorized_keys: ["github:someone", "${LITERAL_KEY}"]}}`);
  const keys = `ssh_authorized_keys: ["github:someone", "${LITERAL_KEY}"]`;
  await users(root, `{bar: {groups: [admin], passwd: "$fkekofe", homedir: /home/foo, ${keys}}}`);
  assert.is(read(root, 'etc/group'), 'admin:x:1000:admin,bar\nbar:x:1001:bar\n');
  await users(root, '{baz: {homedir: /home/foo, groups: [admin]}}');
  assert.is(read(root, 'etc/group'), 'admin:x:1000:admin,bar,baz\nbar:x:1001:bar\nbaz:x:1002:baz\n');
});

const FOUR_USERS = '{foo: {passwd: "$fkekofe"}, bar: {passwd: "$fkekofe"}, x: {passwd: "$fkekofe"}, a: {passwd: "$fkekofe"}}';
const fresh = (login: string, uid: number) => ({
  password: 'x',
  uid,
  gecos: 'Created by entities',
  home: `/home/${login}`,
  shell: '/bin/sh',
});

// user_test.go, "Recreates users with the same UID() and in order"
test('Recreates users with the same UID() and in order', async () => {
  for (let round = 0; round < 2; round++) {
    const root = accountRoot();
    await users(root, FOUR_USERS);
    for (const [login, uid] of [
      ['a', 1000],
      ['bar', 1001],
      ['foo', 1002],
      ['x', 1003],
    ] as const) {
      assert.equal(passwdOf(root, login), fresh(login, uid), `${login} in round ${round + 1}`);
    }
  }
});

// user_test.go, "Creates the user multiple times, keeping the same UID()"
test('Creates the user multiple times, keeping the same UID()', async () => {
  const root = accountRoot();
  for (let i = 0; i < 5; i++) await users(root, '{foo: {passwd: "$fkekofe"}}');
  assert.equal(passwdOf(root, 'foo'), fresh('foo', 1000));
});

// user_test.go, "Creates the user multiple times, keeping the same UID(), even if a new users is added"
test('Creates the user multiple times, keeping the same UID(), even if a new users is added', async () => {
  const root = accountRoot();
  await users(root, '{foo: {passwd: "$fkekofe"}}');
  await users(root, '{a: {passwd: "$fkekofe"}, b: {passwd: "$fkekofe"}, foo: {passwd: "$fkekofe"}}');
  assert.equal(passwdOf(root, 'foo'), fresh('foo', 1000));
  assert.equal(passwdOf(root, 'a'), fresh('a', 1001));
  assert.equal(passwdOf(root, 'b'), fresh('b', 1002));
});

test.run();
