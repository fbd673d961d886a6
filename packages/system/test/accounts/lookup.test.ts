/** Users and groups come from the target root's own /etc/passwd and /etc/group, never the host's. */
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { findGroup, findUser, resolveOwnerString } from '../../src/index.js';
import { tempDirs } from '../helpers.js';

const tmp = tempDirs();
test.after(tmp.cleanup);

// Ids chosen to differ from any Debian host: `daemon` is 1 on the host, 4242 here.
const PASSWD = `# comment line
root:x:0:0:root:/root:/bin/bash

daemon:x:4242:4343:daemon:/usr/sbin:/usr/sbin/nologin
kairos:x:1000:1000:Kairos:/home/kairos:/bin/bash
only-uid:x:2000:2001::/home/x:/bin/sh
`;
const GROUP = `root:x:0:
daemon:x:4343:
kairos:x:1000:
admin:x:1500:kairos
`;

async function makeRoot(): Promise<string> {
  const root = await tmp.make('yipts-accounts-');
  await mkdir(join(root, 'etc'));
  await writeFile(join(root, 'etc/passwd'), PASSWD);
  await writeFile(join(root, 'etc/group'), GROUP);
  return root;
}

test('findUser and findGroup by name or id, from the root', async () => {
  const root = await makeRoot();
  assert.equal(await findUser(root, 'kairos'), { name: 'kairos', id: 1000, gid: 1000, home: '/home/kairos' });
  assert.equal(await findUser(root, '4242'), { name: 'daemon', id: 4242, gid: 4343, home: '/usr/sbin' });
  assert.equal(
    await findUser(root, 'daemon'),
    { name: 'daemon', id: 4242, gid: 4343, home: '/usr/sbin' },
    "the root's daemon, not the host's",
  );
  assert.is(await findUser(root, 'nobody-here'), undefined);
  assert.equal(await findGroup(root, 'admin'), { name: 'admin', id: 1500 });
  assert.equal(await findGroup(root, '4343'), { name: 'daemon', id: 4343 });
  assert.is(await findGroup(root, 'wheel'), undefined);
});

test('ownerstring: user:group by name, user alone takes its primary group, numbers are ids', async () => {
  const root = await makeRoot();
  assert.equal(await resolveOwnerString(root, 'kairos:admin'), { uid: 1000, gid: 1500 });
  assert.equal(await resolveOwnerString(root, 'daemon'), { uid: 4242, gid: 4343 });
  assert.equal(await resolveOwnerString(root, 'only-uid'), { uid: 2000, gid: 2001 });
  assert.equal(await resolveOwnerString(root, '3000:3001'), { uid: 3000, gid: 3001 });
  assert.equal(await resolveOwnerString(root, '3000'), { uid: 3000, gid: 3000 });
  assert.equal(await resolveOwnerString(root, 'kairos:4343'), { uid: 1000, gid: 4343 });
  assert.equal(await resolveOwnerString(root, '0:admin'), { uid: 0, gid: 1500 });
});

test('unknown user or group names are errors naming them and the ownerstring', async () => {
  const root = await makeRoot();
  for (const [text, name] of [
    ['ghost', 'ghost'],
    ['ghost:admin', 'ghost'],
    ['kairos:ghosts', 'ghosts'],
    [':admin', ''],
  ] as const) {
    try {
      await resolveOwnerString(root, text);
      assert.unreachable(`${text} should fail`);
    } catch (e) {
      assert.match((e as Error).message, `\`${name}\``);
      assert.match((e as Error).message, `\`${text}\``);
    }
  }
});

test('a root without /etc/passwd knows no user; numbers still work', async () => {
  const root = await tmp.make('yipts-accounts-');
  assert.is(await findUser(root, 'root'), undefined);
  assert.equal(await resolveOwnerString(root, '0:0'), { uid: 0, gid: 0 });
});

test('an absolute symlinked /etc/passwd is read inside the root', async () => {
  const root = await tmp.make('yipts-accounts-');
  await mkdir(join(root, 'etc'));
  await mkdir(join(root, 'usr/share/base'), { recursive: true });
  await writeFile(join(root, 'usr/share/base/passwd'), 'linked:x:777:778::/home/linked:/bin/sh\n');
  await symlink('/usr/share/base/passwd', join(root, 'etc/passwd'));
  assert.equal(await findUser(root, 'linked'), { name: 'linked', id: 777, gid: 778, home: '/home/linked' });
  assert.is(await findUser(root, 'root'), undefined, "not the host's /etc/passwd");
});

test("on the host root the host's own accounts are used", async () => {
  assert.equal((await findUser('/', 'root'))?.id, 0);
  assert.equal((await findGroup('/', 'root'))?.id, 0);
});

test.run();
