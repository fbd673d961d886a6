// yip's executor tests (pkg/executor/default_test.go), one test per upstream `It`, run through the
// real bundled CLI; the dependency graphs are read from the planner, in-process.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { yip } from '../helpers/cli.js';
import { removeTempDirs, tempDir, writeTree } from '../helpers/tmp.js';
import { planOf } from './support.js';

const test = suite('yip upstream: executor');
test.after.each(removeTempDirs);

/** A scratch directory with `tmp/test/bar` holding `content`, as the upstream tests prepare it. */
function scratch(content: string): { dir: string; bar: string } {
  const dir = tempDir();
  writeTree(dir, { 'tmp/test/bar': content });
  return { dir, bar: join(dir, 'tmp/test/bar') };
}

// default_test.go, "Interpolates sys info"
test('Interpolates sys info', async () => {
  const dir = tempDir();
  const file = `- path: ${dir}/foo\n          content: "{{.Values.node.hostname}}"\n          permissions: 0777`;
  writeTree(dir, { 'c.yaml': `stages:\n  foo:\n    - files:\n        ${file}\n` });
  const r = await yip(['-s', 'foo', join(dir, 'c.yaml')]);
  assert.is(r.code, 0, r.stderr);
  assert.is(readFileSync(join(dir, 'foo'), 'utf8'), hostname());
});

// default_test.go, "Filter command node execution"
test('Filter command node execution', async () => {
  const dir = tempDir();
  const step = (path: string, node: string) =>
    `stages:\n  foo:\n    - node: "${node}"\n      files:\n        - path: ${path}\n          content: "{{.Values.node.hostname}}"\n` +
    '          permissions: 0777\n';
  writeTree(dir, { 'match.yaml': step(join(dir, 'foo'), hostname()), 'other.yaml': step(join(dir, 'bbb'), 'barz') });
  assert.is((await yip(['-s', 'foo', join(dir, 'match.yaml')])).code, 0);
  assert.is(readFileSync(join(dir, 'foo'), 'utf8'), hostname());
  assert.is((await yip(['-s', 'foo', join(dir, 'other.yaml')])).code, 0);
  assert.not.ok(existsSync(join(dir, 'bbb')), 'a step for another node does not run');
});

// default_test.go, "Creates dirs"
test('Creates dirs', async () => {
  const dir = tempDir();
  writeTree(dir, { 'c.yaml': `stages:\n  foo:\n    - directories:\n        - path: ${dir}/boo\n          permissions: 0777\n` });
  assert.is((await yip(['-s', 'foo', join(dir, 'c.yaml')])).code, 0);
  assert.ok(existsSync(join(dir, 'boo')));
});

// default_test.go, "Run commands"
test('Run commands', async () => {
  const dir = tempDir();
  writeTree(dir, { foo: 'Test', 'c.yaml': `stages:\n  foo:\n    - commands:\n        - sed -i 's/Test/bar/g' ${dir}/foo\n` });
  const r = await yip(['-s', 'foo', join(dir, 'c.yaml')]);
  assert.is(r.code, 0, r.stderr);
  assert.is(readFileSync(join(dir, 'foo'), 'utf8'), 'bar');
});

// default_test.go, "Run yip files in sequence"
test('Run yip files in sequence', async () => {
  const { dir, bar } = scratch('boo');
  writeTree(dir, {
    'some/yip/01_first.yaml': `stages:\n  test:\n  - commands:\n    - sed -i 's/boo/bar/g' ${bar}\n`,
    'some/yip/02_second.yaml': `stages:\n  test:\n  - commands:\n    - sed -i 's/bar/baz/g' ${bar}\n`,
  });
  const r = await yip(['-s', 'test', join(dir, 'some/yip')]);
  assert.is(r.code, 0, r.stderr);
  assert.is(readFileSync(bar, 'utf8'), 'baz');
});

// default_test.go, "Run yip files in sequence with after"
test('Run yip files in sequence with after', async () => {
  const { dir, bar } = scratch('boo');
  writeTree(dir, {
    'some/yip/01_first.yaml': `stages:\n  test:\n  - after:\n    - name: "test.test"\n    commands:\n    - sed -i 's/bar/baz/g' ${bar}\n`,
    'some/yip/02_second.yaml': `name: "test"\nstages:\n  test:\n  - name: "test"\n    commands:\n    - sed -i 's/boo/bar/g' ${bar}\n`,
  });
  const r = await yip(['-s', 'test', join(dir, 'some/yip')]);
  assert.is(r.code, 0, r.stderr);
  assert.is(readFileSync(bar, 'utf8'), 'baz');
});

// default_test.go, "Execute single yip files"
test('Execute single yip files', async () => {
  const { dir, bar } = scratch('boo');
  writeTree(dir, { 'some/yip/02_second.yaml': `stages:\n  test:\n  - commands:\n    - sed -i 's/boo/bar/g' ${bar}\n` });
  const r = await yip(['-s', 'test', join(dir, 'some/yip/02_second.yaml')]);
  assert.is(r.code, 0, r.stderr);
  assert.is(readFileSync(bar, 'utf8'), 'bar');
});

// default_test.go, "Reports error, and executes all yip files"
test('Reports error, and executes all yip files', async () => {
  const { dir, bar } = scratch('boo');
  writeTree(dir, {
    'some/yip/01_first.yaml': 'stages:\n  test:\n  - commands:\n    - exit 1\n',
    'some/yip/02_second.yaml': `stages:\n  test:\n  - commands:\n    - sed -i 's/boo/bar/g' ${bar}\n`,
  });
  const r = await yip(['-s', 'test', join(dir, 'some/yip')]);
  assert.is(r.code, 1, 'the failure is reported');
  assert.is(readFileSync(bar, 'utf8'), 'bar');
});

const GROUP_ENTITY = 'kind: "group"\ngroup_name: "foo"\npassword: "xx"\ngid: 1\nusers: "one,two,tree"\n';
const entityStep = (key: string, path: string) =>
  `stages:\n  foo:\n    - ${key}:\n        - path: ${path}\n          entity: |\n${GROUP_ENTITY.replace(/^/gm, '            ')}`;

// default_test.go, "Get Users"
test('Get Users', async () => {
  const dir = tempDir();
  writeTree(dir, { foo: 'nm-openconnect:x:979:\n', 'c.yaml': entityStep('ensure_entities', join(dir, 'foo')) });
  const r = await yip(['-s', 'foo', join(dir, 'c.yaml')]);
  assert.is(r.code, 0, r.stderr);
  assert.is(readFileSync(join(dir, 'foo'), 'utf8'), 'nm-openconnect:x:979:\nfoo:xx:1:one,two,tree\n');
});

// default_test.go, "Deletes Users"
test('Deletes Users', async () => {
  const dir = tempDir();
  writeTree(dir, { foo: 'nm-openconnect:x:979:\nfoo:xx:1:one,two,tree\n', 'c.yaml': entityStep('delete_entities', join(dir, 'foo')) });
  const r = await yip(['-s', 'foo', join(dir, 'c.yaml')]);
  assert.is(r.code, 0, r.stderr);
  assert.is(readFileSync(join(dir, 'foo'), 'utf8'), 'nm-openconnect:x:979:\n');
});

// default_test.go, "Skip with if conditionals"
test('Skip with if conditionals', async () => {
  const { dir, bar } = scratch('boo');
  const t = join(dir, 'tmp/test');
  writeTree(dir, {
    'some/yip/01_first.yaml': `stages:\n  test:\n  - commands:\n    - echo "bar" > ${bar}\n`,
    'some/yip/02_second.yaml': `stages:\n  test:\n  - if: "cat ${bar} | grep bar"\n    commands:\n    - echo "baz" > ${t}/baz\n`,
    'some/yip/03_second.yaml': `stages:\n  test:\n  - if: "cat ${t}/baz | grep bar"\n    commands:\n    - echo "nope" > ${t}/nope\n`,
  });
  const r = await yip(['-s', 'test', join(dir, 'some/yip')]);
  assert.is(r.code, 0, r.stderr);
  assert.is(readFileSync(join(t, 'baz'), 'utf8'), 'baz\n');
  assert.not.ok(existsSync(join(t, 'nope')));
});

const KAIROS_USER = '      users:\n        kairos:\n          groups:\n            - sudo\n          passwd: kairos\n';

// default_test.go, "Unnamed steps are run in sequence" (yip's graph has one more entry: its init node)
test('Unnamed steps are run in sequence', async () => {
  const dir = tempDir();
  writeTree(dir, { 'some/yip/01_first.yaml': `stages:\n  initramfs:\n${`    -\n${KAIROS_USER}`.repeat(4)}` });
  const plan = await planOf([join(dir, 'some/yip')], 'initramfs');
  assert.is(plan.layers.length, 4, JSON.stringify(plan.layers));
});

// default_test.go, "Does not try to merge steps as dependencies based on their name"
test('Does not try to merge steps as dependencies based on their name', async () => {
  const dir = tempDir();
  const named = `    - name: Create Kairos User\n${KAIROS_USER}`;
  const unnamed = `    -\n${KAIROS_USER}`;
  writeTree(dir, { 'some/yip/01_first.yaml': `stages:\n  initramfs:\n${named}${unnamed}${named}${unnamed}` });
  const plan = await planOf([join(dir, 'some/yip')], 'initramfs');
  assert.is(plan.layers.length, 4, JSON.stringify(plan.layers));
  assert.is(plan.steps.length, 4, 'no step is lost to another with the same name');
});

const layoutFile = (prefix: string, name: string, first: string, out: string) => `
name: "${name}"
stages:
    rootfs.before:
    - name: "${first}"
      commands:
      - echo "${prefix}rootfs.before" >> ${out}
    rootfs:
    - name: "${prefix.replace('.', ' ')}rootfs"
      commands:
      - echo "${prefix}rootfs" >> ${out}
    - name: "${prefix.replace('.', ' ')}rootfs 2"
      commands:
      - echo "${prefix}2" >> ${out}
    initramfs:
    - name: "${prefix.replace('.', ' ')}initramfs"
      commands:
      - echo "${prefix}initramfs" >> ${out}
`;

// default_test.go, "has multiple instructions"
test('has multiple instructions', async () => {
  const { dir, bar } = scratch('');
  writeTree(dir, { 'some/yip/01_first.yaml': layoutFile('', 'Rootfs Layout Settings', 'before rootds', bar) });
  for (const stage of ['rootfs.before', 'rootfs', 'initramfs']) {
    const r = await yip(['-s', stage, join(dir, 'some/yip')]);
    assert.is(r.code, 0, r.stderr);
  }
  assert.is(readFileSync(bar, 'utf8'), 'rootfs.before\nrootfs\n2\ninitramfs\n');
});

// default_test.go, "has multiple instructions in different files"
test('has multiple instructions in different files', async () => {
  const { dir, bar } = scratch('');
  const source = join(dir, 'some/yip');
  writeTree(dir, {
    'some/yip/01_first.yaml': layoutFile('', 'Rootfs Layout Settings', 'before roots', bar),
    'some/yip/02_second.yaml': layoutFile('second.', 'second Rootfs Layout Settings', 'second before roots', bar),
  });
  const before = await planOf([source], 'rootfs.before');
  assert.equal(before.layers, [['Rootfs Layout Settings.before roots'], ['second Rootfs Layout Settings.second before roots']]);
  const rootfs = await planOf([source], 'rootfs');
  assert.equal(rootfs.layers, [
    ['Rootfs Layout Settings.rootfs'],
    ['Rootfs Layout Settings.rootfs 2'],
    ['second Rootfs Layout Settings.second rootfs'],
    ['second Rootfs Layout Settings.second rootfs 2'],
  ]);
  for (const stage of ['rootfs.before', 'rootfs', 'initramfs']) {
    const r = await yip(['-s', stage, source]);
    assert.is(r.code, 0, r.stderr);
  }
  const lines = ['rootfs.before', 'second.rootfs.before', 'rootfs', '2', 'second.rootfs', 'second.2', 'initramfs', 'second.initramfs'];
  assert.is(readFileSync(bar, 'utf8'), `${lines.join('\n')}\n`);
});

// default_test.go, "same instructions in different cloud-config files"
test('same instructions in different cloud-config files', async () => {
  const dir = tempDir();
  const out = join(dir, 'out');
  for (const n of ['01', '02', '03']) {
    writeFileSync(join(dir, `${n}_test.yaml`), `#cloud-config\nstages:\n  default:\n    - commands:\n      - echo "${n}" >> ${out}\n`);
  }
  const r = await yip([dir], { env: { LOGLEVEL: 'debug' } });
  assert.is(r.code, 0, r.stderr);
  for (const n of ['01', '02', '03']) assert.ok(r.stderr.includes(join(dir, `${n}_test.yaml`)), `${n}_test.yaml is read\n${r.stderr}`);
  assert.is(readFileSync(out, 'utf8'), '01\n02\n03\n', 'all three converted configs ran, in order');
  const plan = await planOf([dir], 'default');
  assert.is(plan.layers.length, 3, JSON.stringify(plan.layers));
});

test.run();
