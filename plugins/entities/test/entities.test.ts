// ensure_entities / delete_entities against a real Debian root: its own /etc/passwd, group,
// shadow and gshadow, checked afterwards with the root's own getent and id.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdir, readdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Plugin } from '@yipts/core';
import entitiesPlugin from '../src/index.js';
import { debianRoot, inRoot } from '@yipts/test-fixtures';
import type { TempRoot } from '@yipts/test-fixtures';
import { runYaml, tempDirs } from '@yipts/testing';
import { lineOf, modeOwner, opensslHash, readIn } from './helpers.js';

/** Every root of this suite, removed when it ends. */
const roots = tempDirs('yipts-entities-host-');
test.after(() => roots.cleanup());

let root: TempRoot;
const plugins: Plugin[] = [entitiesPlugin()];
const yaml = (step: string) => `stages:\n  boot:\n${step.replace(/^/gm, '    ')}\n`;
const getent = async (db: string, key: string) =>
  (await inRoot(root.path, ['getent', db, key], { mounts: false, allowFailure: true })).stdout.trim();

test.before(async () => {
  root = await debianRoot();
});
test.after(async () => {
  await root?.cleanup();
});

test("a shadow entity sets root's password as the corpus does: crypted, aging and file mode kept", async () => {
  const before = (await lineOf(root.path, 'etc/shadow', 'root'))!.split(':');
  const shadowGid = (await getent('group', 'shadow')).split(':')[2];
  const { errors } = await runYaml(
    yaml(
      `- name: root password\n  ensure_entities:\n  - path: /etc/shadow\n    entity: |\n      kind: "shadow"\n      username: "root"\n      password: "cos"`,
    ),
    { plugins, root: root.path, stage: 'boot' },
  );
  assert.equal(errors, []);
  const after = (await lineOf(root.path, 'etc/shadow', 'root'))!.split(':');
  assert.match(after[1]!, /^\$6\$/);
  assert.is(await opensslHash('cos', after[1]!), after[1]);
  assert.equal(after.slice(2), before.slice(2), 'aging fields untouched');
  assert.is(await modeOwner(join(root.path, 'etc/shadow')), `640 0:${shadowGid}`);
  assert.equal(
    (await readdir(join(root.path, 'etc'))).filter((f) => f.includes('.yipts-')),
    [],
    'no temporary file left',
  );
});

test('applying the same shadow entity again leaves the file byte for byte', async () => {
  const before = await readIn(root.path, 'etc/shadow');
  const { errors, logs } = await runYaml(
    yaml(`- ensure_entities:\n  - entity: |\n      kind: shadow\n      username: root\n      password: cos`),
    { plugins, root: root.path, stage: 'boot' },
  );
  assert.equal(errors, []);
  assert.is(await readIn(root.path, 'etc/shadow'), before);
  assert.ok(logs.some((l) => l.message.includes('already as wanted')));
});

test('a group entity is added (default path), then its users merged', async () => {
  const { errors } = await runYaml(
    yaml(`- ensure_entities:\n  - entity: |\n      kind: "group"\n      group_name: "admin"\n      password: "x"\n      gid: 900`),
    { plugins, root: root.path, stage: 'boot' },
  );
  assert.equal(errors, []);
  assert.is(await getent('group', 'admin'), 'admin:x:900:');
  await runYaml(
    yaml(
      `- ensure_entities:\n  - entity: "kind: group\\ngroup_name: admin\\nusers: alice"\n  - entity: "kind: group\\ngroup_name: admin\\nusers: bob,alice"`,
    ),
    { plugins, root: root.path, stage: 'boot' },
  );
  assert.is(await getent('group', 'admin'), 'admin:x:900:alice,bob');
});

test('a user entity with uid -1 and a group name gets a free dynamic uid, kept on the next run', async () => {
  const step = yaml(
    `- ensure_entities:\n  - entity: |\n      kind: user\n      username: svc\n      password: x\n      uid: -1\n      group: admin\n      info: service account\n      homedir: /srv/svc\n      shell: /usr/sbin/nologin`,
  );
  const first = await runYaml(step, { plugins, root: root.path, stage: 'boot' });
  assert.equal(first.errors, []);
  // 999 is the first free id counting down (systemd-network has 998 in this root).
  assert.is(await getent('passwd', 'svc'), 'svc:x:999:900:service account:/srv/svc:/usr/sbin/nologin');
  assert.is((await inRoot(root.path, ['id', 'svc'], { mounts: false })).stdout.trim(), 'uid=999(svc) gid=900(admin) groups=900(admin)');
  const before = await readIn(root.path, 'etc/passwd');
  await runYaml(step, { plugins, root: root.path, stage: 'boot' });
  assert.is(await readIn(root.path, 'etc/passwd'), before, 'uid -1 does not move an existing user');
});

test('a new user without uid is refused (yip would make a second uid 0); the file is unchanged', async () => {
  const before = await readIn(root.path, 'etc/passwd');
  const { errors, steps } = await runYaml(
    yaml(`- name: bad user\n  ensure_entities:\n  - entity: "kind: user\\nusername: nouid\\ngid: 100"`),
    { plugins, root: root.path, stage: 'boot' },
  );
  assert.is(steps[0]!.status, 'failed');
  assert.is(errors.length, 1);
  assert.match(errors[0]!.message, /ensure_entities\[0\]: user `nouid` is new: `uid` is required/);
  assert.is(await readIn(root.path, 'etc/passwd'), before);
});

test("a gshadow entity is added with the file's mode and owner kept", async () => {
  const modeBefore = await modeOwner(join(root.path, 'etc/gshadow'));
  const { errors } = await runYaml(
    yaml(`- ensure_entities:\n  - entity: "kind: gshadow\\nname: admin\\npassword: '!'\\nadministrators: root\\nmembers: alice"`),
    { plugins, root: root.path, stage: 'boot' },
  );
  assert.equal(errors, []);
  assert.is(await lineOf(root.path, 'etc/gshadow', 'admin'), 'admin:!:root:alice');
  assert.is(await modeOwner(join(root.path, 'etc/gshadow')), modeBefore);
});

test('bad entries are reported one by one, naming the entry; the good one still applies', async () => {
  const { errors, logs } = await runYaml(
    yaml(
      `- name: mixed\n  ensure_entities:\n  - entity: "kind: [oops"\n  - entity: "kind: robot\\nname: r2"\n  - path: /etc/group\n    entity: "kind: group\\ngroup_name: ops\\ngid: 901\\ncolour: blue"\n  - entity: "kind: group\\ngroup_name: 'a:b'\\ngid: 5"`,
    ),
    { plugins, root: root.path, stage: 'boot' },
  );
  assert.is(errors.length, 3, errors.map((e) => e.message).join('\n'));
  assert.match(errors[0]!.message, /ensure_entities\[0\]: entity is not valid YAML/);
  assert.match(errors[1]!.message, /ensure_entities\[1\]: unsupported entity kind `robot`/);
  assert.match(errors[2]!.message, /ensure_entities\[3\]: group entity: `group_name` may not contain ':'/);
  assert.is(await getent('group', 'ops'), 'ops:x:901:');
  assert.ok(
    logs.some((l) => l.level === 'warning' && l.message.includes('`colour`')),
    'an unknown field is a warning',
  );
});

test('delete_entities removes by name; a missing entry is no error; ensure runs before delete in a step', async () => {
  const { errors } = await runYaml(
    yaml(
      `- delete_entities:\n  - entity: "kind: user\\nusername: svc"\n  - entity: "kind: group\\ngroup_name: nosuchgroup"\n  - path: /etc/gshadow\n    entity: "kind: gshadow\\nname: admin"\n` +
        `  ensure_entities:\n  - entity: "kind: group\\ngroup_name: transient\\ngid: 950"`,
    ),
    { plugins, root: root.path, stage: 'boot' },
  );
  // The config above is one step with both keys; ensure_entities runs first whatever the YAML order.
  assert.equal(errors, []);
  assert.is(await getent('passwd', 'svc'), '');
  assert.is(await lineOf(root.path, 'etc/gshadow', 'admin'), undefined);
  assert.is(await getent('group', 'transient'), 'transient:x:950:');
  await runYaml(
    yaml(
      `- ensure_entities:\n  - entity: "kind: group\\ngroup_name: transient2\\ngid: 951"\n  delete_entities:\n  - entity: "kind: group\\ngroup_name: transient2"`,
    ),
    { plugins, root: root.path, stage: 'boot' },
  );
  assert.is(await getent('group', 'transient2'), '', 'delete (order 800) ran after ensure (order 400)');
});

test('a path that is a link out of the root stays inside the root', async () => {
  const outside = await roots.make();
  const hostFile = join(outside, 'group');
  await writeFile(hostFile, 'keep:x:1:\n');
  await symlink(hostFile, join(root.path, 'etc/linked-group'));
  const step = yaml(`- ensure_entities:\n  - path: /etc/linked-group\n    entity: "kind: group\\ngroup_name: escaped\\ngid: 960"`);
  const first = await runYaml(step, { plugins, root: root.path, stage: 'boot' });
  assert.is(first.errors.length, 1);
  assert.match(first.errors[0]!.message, `directory ${outside} does not exist`);
  assert.is(await readFile(hostFile, 'utf8'), 'keep:x:1:\n', 'the host file is untouched');
  await mkdir(join(root.path, outside), { recursive: true });
  const second = await runYaml(step, { plugins, root: root.path, stage: 'boot' });
  assert.equal(second.errors, []);
  assert.is(await readFile(hostFile, 'utf8'), 'keep:x:1:\n', 'the host file is still untouched');
  assert.is(await readIn(root.path, hostFile), 'escaped:x:960:\n', 'the link was followed inside the root');
});

test('the entity text is rendered as a template first', async () => {
  // Imported here so that a broken templates plugin fails this test only, not the whole file.
  const templates: Plugin = (await import('@yipts/plugin-templates')).default();
  const { errors } = await runYaml(
    yaml(
      `- ensure_entities:\n  - entity: |\n      kind: group\n      group_name: {{ "tmpl" | upper | lower }}-{{ add 1 2 }}\n      gid: 970`,
    ),
    { plugins: [entitiesPlugin(), templates], root: root.path, stage: 'boot' },
  );
  assert.equal(errors, []);
  assert.is(await getent('group', 'tmpl-3'), 'tmpl-3:x:970:');
});

test.run();
