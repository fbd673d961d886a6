// Every real config of the shared corpus that uses users, ensure_entities, delete_entities or
// authorized_keys runs, all its stages, inside a fresh Debian root with these plugins (and the
// conditionals, which some steps need): no step may fail, and what each file asks for is there.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { parseText } from '@yipts/core';
import type { Plugin } from '@yipts/core';
import authorizedKeysPlugin from '@yipts/plugin-authorized-keys';
import conditionalsPlugin from '@yipts/plugin-conditionals';
import entitiesPlugin from '@yipts/plugin-entities';
import usersPlugin from '../src/index.js';
import { debianRoot } from '@yipts/test-fixtures';
import type { TempRoot } from '@yipts/test-fixtures';
import { fieldsOf, inside, modeOwner, opensslHash, readIn, runSources } from './helpers.js';

import { CORPUS_DIR as CORPUS } from '@yipts/test-fixtures';
const KEYS = /^\s*-?\s*(users|ensure_entities|delete_entities|authorized_keys|ssh_authorized_keys):/m;
const plugins: Plugin[] = [conditionalsPlugin(), entitiesPlugin(), usersPlugin(), authorizedKeysPlugin()];

async function walk(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of (await readdir(dir, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await walk(path)));
    else if (/\.ya?ml$/.test(entry.name)) out.push(path);
  }
  return out;
}

/** What each kind of corpus file must have left in the root. */
async function checkEffects(root: string, file: string, text: string): Promise<void> {
  if (file.endsWith('04_accounting.yaml')) {
    const password = /password: "(.+)"/.exec(text)![1]!;
    const hash = (await fieldsOf(root, 'etc/shadow', 'root'))![1]!;
    assert.is(await opensslHash(password, hash), hash, `${file}: root's password is ${password}`);
  } else if (file.endsWith('remote_login.yaml')) {
    const key = /"(ssh-rsa [^"]+?)\s*"/.exec(text)![1]!;
    assert.ok((await readIn(root, 'root/.ssh/authorized_keys')).includes(key), `${file}: key written`);
    assert.is(await modeOwner(join(root, 'root/.ssh/authorized_keys')), '600 0:0');
  } else if (file.endsWith('10_accounting.yaml')) {
    assert.is(await inside(root, ['id', 'kairos']), 'uid=1000(kairos) gid=1000(kairos) groups=1000(kairos),900(admin)');
    assert.is(await inside(root, ['getent', 'passwd', 'kairos']), 'kairos:x:1000:1000:Created by entities:/home/kairos:/bin/bash');
    assert.is((await fieldsOf(root, 'etc/shadow', 'kairos'))![1], '!', '`passwd: "!"` stays a lock, it is not crypted');
    assert.is(await modeOwner(join(root, 'home/kairos')), '755 1000:1000');
  } else {
    assert.unreachable(`${file}: a new corpus file uses account keys; add what it must leave to this test`);
  }
}

test('every corpus file with account keys runs in a fresh Debian root without a failed step', async () => {
  const files: { path: string; text: string }[] = [];
  for (const path of await walk(CORPUS)) {
    const text = await readFile(path, 'utf8');
    if (KEYS.test(text)) files.push({ path, text });
  }
  assert.ok(files.length >= 5, `found only ${files.length} corpus files with account keys`);
  const root: TempRoot = await debianRoot();
  try {
    for (const { path, text } of files) {
      const name = relative(CORPUS, path);
      const stages = [...parseText(text, path, false).stages.keys()];
      assert.ok(stages.length > 0, `${name}: no stages`);
      let ran = 0;
      for (const stage of stages) {
        const { errors, steps } = await runSources(plugins, root.path, [path], stage);
        assert.equal(errors, [], `${name} (${stage})`);
        assert.ok(
          steps.every((s) => s.status !== 'failed'),
          `${name} (${stage}): a step failed`,
        );
        ran += steps.filter((s) => s.status === 'ok').length;
      }
      assert.ok(ran > 0, `${name}: nothing ran`);
      await checkEffects(root.path, name, text);
    }
  } finally {
    await root.cleanup();
  }
});

test.run();
