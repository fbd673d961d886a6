// yip's schema tests (pkg/schema/schema_test.go): dot notation and cloud-config conversion, read
// from the steps the planner produces with the preset plugins' schemas.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { stringify } from 'yaml';
import { planOf } from './support.js';

const test = suite('yip upstream: schema');

const dots = (text: string, stage = 'foo') => planOf([{ text, dotNotation: true }], stage);
const cloud = (text: string, stage: string) => planOf([{ text }], stage);

// schema_test.go, "Loading from dot notation" / "Reads yip file correctly" (1st: garbage after the key)
test('Reads yip file correctly: garbage around a dot-notation key', async () => {
  const plan = await dots('stages.foo[0].name=bar boo.baz');
  assert.is(plan.steps[0]?.name, 'bar');
});

// schema_test.go, "Reads yip file correctly" (2nd: two keys of one step)
test('Reads yip file correctly: two keys of one step', async () => {
  const plan = await dots('stages.foo[0].name=bar   stages.foo[0].commands[0]=baz');
  assert.is(plan.steps[0]?.name, 'bar');
  assert.equal(plan.step(0).commands, ['baz']);
});

// schema_test.go, "Reads yip file correctly" (3rd: the same through Load with the dot-notation modifier)
test('Reads yip file correctly: the same text as a whole source', async () => {
  const plan = await dots('stages.foo[0].name=bar   stages.foo[0].commands[0]=baz');
  assert.equal(plan.errors, []);
  assert.is(plan.steps.length, 1);
  assert.equal(plan.step(0).commands, ['baz']);
});

// schema_test.go, "Reads yip file correctly" (4th: nothing of yip's in the text)
test('Reads yip file correctly: a command line with no config is an empty config, not an error', async () => {
  const plan = await dots('ip=dhcp test="echo ping_test_host=127.0.0.1  > /tmp/jojo"');
  assert.equal(plan.errors, []);
  assert.is(plan.steps.length, 0);
  assert.equal([...plan.stagesOf.values()], [[]]);
});

// schema_test.go, "Reads yip file correctly" (5th: half valid)
test('Reads yip file correctly: the valid part of a half-valid command line is kept', async () => {
  const plan = await dots('stages.foo[0].name=bar ip=dhcp test="echo ping_test_host=127.0.0.1  > /tmp/dio"');
  assert.equal(plan.errors, []);
  assert.is(plan.steps[0]?.name, 'bar');
  assert.is(plan.steps[0]?.configName, undefined);
});

const CLOUD_CONFIG = (userKey: string) => `#cloud-config
growpart:
 devices: ['/']
stages:
  test:
  - environment:
      foo: bar
users:
- name: "bar"
  passwd: "foo"
  uid: "1002"
  lock_passwd: true
  groups:
  - sudo
  ssh_authorized_keys:
  - ${userKey}
ssh_authorized_keys:
  - asdd
runcmd:
- foo
hostname: "bar"
write_files:
- encoding: b64
  content: CiMgVGhpcyBmaWxlIGNvbnRyb2xzIHRoZSBzdGF0ZSBvZiBTRUxpbnV4
  path: /foo/bar
  permissions: "0644"
  owner: "bar"
`;

/** The checks both cloud-config tests of yip share. */
async function assertConverted(text: string, keys: Record<string, string[]>): Promise<void> {
  const boot = await cloud(text, 'boot');
  assert.equal(boot.errors, []);
  assert.equal([...boot.stagesOf.values()][0]!.slice().sort(), ['boot', 'initramfs', 'network', 'test']);
  // biome-ignore lint/suspicious/noExplicitAny: the converted step, walked by the test as yip's test walks it
  const first = boot.step(0) as Record<string, any>;
  assert.is(first.users.bar.uid, '1002');
  assert.is(first.users.bar.passwd, 'foo');
  assert.is(first.users.bar.lock_passwd, true);
  assert.equal(first.authorized_keys, keys);
  assert.is(first.files[0].path, '/foo/bar');
  assert.is(first.files[0].permissions, 0o644);
  assert.is(first.hostname, undefined);
  assert.equal(first.commands, ['foo']);
  // biome-ignore lint/suspicious/noExplicitAny: as above
  const layout = boot.step(1) as Record<string, any>;
  assert.is(layout.layout.expand_partition.size, 0);
  assert.is(layout.layout.device.path, '/');
  assert.is((await cloud(text, 'initramfs')).step(0).hostname, 'bar');
  assert.equal((await cloud(text, 'test')).step(0).environment, { foo: 'bar' });
}

// schema_test.go, "Loading CloudConfig" / "Reads cloudconfig to boot stage"
test('Reads cloudconfig to boot stage', async () => {
  await assertConverted(CLOUD_CONFIG('faaapploo'), { bar: ['faaapploo', 'asdd'] });
});

// schema_test.go, "Reads sshkeys to network stage if they require network"
test('Reads sshkeys to network stage if they require network', async () => {
  const text = CLOUD_CONFIG('gitlab:test');
  await assertConverted(text, { bar: ['asdd'] });
  const network = await cloud(text, 'network');
  assert.equal(network.step(0).authorized_keys, { bar: ['gitlab:test'] });
});

// schema_test.go, "Reads cloudconfig with a jinja header"
test('Reads cloudconfig with a jinja header', async () => {
  const text = '## template: jinja\n#cloud-config\nusers:\n- name: "bar"\n';
  const boot = await cloud(text, 'boot');
  assert.equal([...boot.stagesOf.values()][0]!.slice().sort(), ['boot', 'initramfs', 'network']);
  assert.ok('bar' in (boot.step(0).users as object));
});

// schema_test.go, "YipConfig" / "Dumps YipConfig to string and loads it with no issues": a config
// dumped by a YAML writer, with a multi-line content starting with a newline, loads back intact.
test('Dumps YipConfig to string and loads it with no issues', async () => {
  const content = '\nLine1\nLine2\nLine3';
  const file = { path: '/tmp/test.cfg', permissions: 0o644, owner: 0, group: 0, content };
  const dumped = stringify({ stages: { test: [{ name: 'Test Stage', files: [file] }] } });
  const plan = await planOf([{ text: dumped }], 'test');
  assert.equal(plan.errors, []);
  const files = plan.step(0).files as { content: string; permissions: number }[];
  assert.is(files[0]!.content, content);
  assert.is(files[0]!.permissions, 0o644);
});

test.run();
