// elemental-toolkit's run-stage and cloud-init tests (pkg/utils/runstage_test.go,
// cmd/run-stage_test.go, cmd/cloud-init_test.go, pkg/cloudinit/cloudinit_test.go), one test per
// upstream `It`, through the real bundled `yip` CLI: `yip run-stage` in a busybox root with a
// kernel command line from a file, and plain `yip` for elemental's `cloud-init` command.
import { readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { stringify } from 'yaml';
import { busyboxRoot, startHttpServer } from '../fixtures/index.js';
import type { TempRoot } from '../fixtures/index.js';
import { yip } from '../helpers/cli.js';
import type { CliResult } from '../helpers/cli.js';
import { removeTempDirs, tempDir, writeTree } from '../helpers/tmp.js';

const test = suite('elemental upstream: run-stage and cloud-init');
const roots: TempRoot[] = [];
test.after.each(async () => {
  removeTempDirs();
  while (roots.length) await roots.pop()!.cleanup();
});

async function root(files: Record<string, string> = {}): Promise<string> {
  const r = await busyboxRoot();
  roots.push(r);
  writeTree(r.path, files);
  return r.path;
}

/**
 * `yip run-stage` in `rootDir` with `cmdline` as the kernel command line and an executor
 * configuration that mounts no partition (these tests are about stages, not disks).
 */
async function runStage(rootDir: string, args: readonly string[], cmdline = ''): Promise<CliResult> {
  const dir = tempDir();
  writeTree(dir, { 'yip.config.yaml': 'pluginOptions:\n  mount: {labels: {}}\n', cmdline });
  return yip(['run-stage', '--config', join(dir, 'yip.config.yaml'), '--root', rootDir, '--cmdline', join(dir, 'cmdline'), ...args], {
    env: { LOGLEVEL: 'debug' },
  });
}

const LUKE = 'stages:\n  luke:\n  - commands:\n    - echo "I have a very bad feeling about this" >> /luke.log\n';
const lukeRan = (rootDir: string) => readFileSync(join(rootDir, 'luke.log'), 'utf8') === 'I have a very bad feeling about this\n';

// runstage_test.go, "fails if strict mode is enabled". The upstream file, `stages: [foo,bar]`, never
// names the stage: yipts does not read it for c3po (README, Compatibility: one unparsable file
// fails every stage), so the same mistake is checked in a file that names the stage.
test('fails if strict mode is enabled', async () => {
  const r = await root({ 'd/test.yaml': 'stages: [foo,bar]' });
  assert.is((await runStage(r, ['--strict', '--cloud-init-paths', '/d', 'c3po'])).code, 0, 'not read for a stage it does not name');
  writeTree(r, { 'd/test.yaml': 'stages: [c3po,bar]' });
  const strict = await runStage(r, ['--strict', '--cloud-init-paths', '/d', 'c3po']);
  assert.is(strict.code, 65, strict.stderr);
  assert.match(strict.stderr, '`stages` must be a mapping');
  assert.is((await runStage(r, ['--cloud-init-paths', '/d', 'c3po'])).code, 0, 'without --strict the error is only reported');
});

// runstage_test.go, "does not fail but prints errors by default"
test('does not fail but prints errors by default', async () => {
  const r = await runStage(await root(), ['c3po'], 'stages.c3po[0].datasource');
  assert.is(r.code, 0, r.stderr);
  assert.match(r.stderr, /ERROR kernel command line.*expected a mapping/);
  assert.match(r.stderr, 'use --strict to fail');
});

// runstage_test.go, "Goes over extra paths"
test('Goes over extra paths', async () => {
  const r = await root({ 'd/extra.yaml': LUKE });
  const res = await runStage(r, ['--cloud-init-paths', '/d', 'luke']);
  assert.is(res.code, 0, res.stderr);
  assert.ok(res.stderr.includes(join(r, 'd/extra.yaml')), res.stderr);
  for (const stage of ['luke.before', 'luke', 'luke.after']) assert.ok(res.stderr.includes(`stage ${stage} from ${join(r, 'd')}`), stage);
  assert.ok(lukeRan(r));
});

// runstage_test.go, "parses cmdline uri"
test('parses cmdline uri', async () => {
  const r = await root({ 'd/test.yaml': LUKE });
  const res = await runStage(r, ['luke'], 'cos.setup=/d/test.yaml');
  assert.is(res.code, 0, res.stderr);
  assert.ok(res.stderr.includes(join(r, 'd/test.yaml')), res.stderr);
  assert.ok(lukeRan(r));
});

// runstage_test.go, "parses cmdline uri with dotnotation"
test('parses cmdline uri with dotnotation', async () => {
  const leia = "stages.leia[0].commands[0]='echo beepboop >> /leia.log'";
  // The second is "a non-clean cmdline": other parameters around the dot notation.
  for (const cmdline of [leia, `BOOT=death-star single ${leia}`]) {
    const r = await root();
    const res = await runStage(r, ['leia'], cmdline);
    assert.is(res.code, 0, res.stderr);
    assert.match(res.stderr, 'running stage leia from kernel command line');
    assert.is(readFileSync(join(r, 'leia.log'), 'utf8'), 'beepboop\n', cmdline);
    assert.not.match(res.stderr, 'use --strict to fail', 'nothing failed');
  }
});

// runstage_test.go, "ignores YAML errors"
test('ignores YAML errors', async () => {
  const cmdline = "BOOT=death-star sing1!~@$%6^&**le /varlib stag_#var<Lib stages[0]='utterly broken by breaking schema'";
  const r = await runStage(await root(), ['leia'], cmdline);
  assert.is(r.code, 0, r.stderr);
  assert.not.match(r.stderr, 'ERROR');
  assert.not.match(r.stderr, 'use --strict to fail');
});

// runstage_test.go, "ignores non existing cloud-init paths"
test('ignores non existing cloud-init paths', async () => {
  const r = await root({ 'existing/a.yaml': 'stages:\n  stage:\n  - commands: ["echo existing >> /stage.log"]\n' });
  symlinkSync('/existing', join(r, 'symlinkToExistingDir'));
  const server = await startHttpServer({ '/cloud-file': 'stages:\n  stage:\n  - commands: ["echo url >> /stage.log"]\n' });
  try {
    const paths = ['/nonexisting', '/existing', '/symlinkToExistingDir', `${server.url}/cloud-file`].join(',');
    const res = await runStage(r, ['--strict', '--cloud-init-paths', paths, 'stage'], 'cos.setup=/wrongpath');
    assert.is(res.code, 0, res.stderr);
    // The directory, the link to it and the URL ran; the missing paths were skipped.
    assert.is(readFileSync(join(r, 'stage.log'), 'utf8'), 'existing\nexisting\nurl\n');
    assert.equal(server.hits, ['/cloud-file', '/cloud-file', '/cloud-file'], 'the URL is read for stage.before, stage and stage.after');
  } finally {
    await server.close();
  }
});

// run-stage_test.go, "executes command correctly"
test('run-stage: executes command correctly', async () => {
  const before = 'test.before: [{commands: ["echo before >> /t.log"]}]';
  const r = await root({ 'oem/t.yaml': `stages:\n  ${before}\n  test: [{commands: ["echo test >> /t.log"]}]\n` });
  const res = await runStage(r, ['test']);
  assert.is(res.code, 0, res.stderr);
  for (const stage of ['test.before', 'test', 'test.after']) assert.match(res.stderr, `stage ${stage} from `);
  assert.is(readFileSync(join(r, 't.log'), 'utf8'), 'before\ntest\n');
});

// run-stage_test.go, "fails when stage is missing"
test('run-stage: fails when stage is missing', async () => {
  const res = await yip(['run-stage']);
  assert.is(res.code, 2);
  assert.match(res.stderr, 'Usage');
});

// cloud-init_test.go, "executes command correctly" (elemental's `cloud-init -d` is `yip -d`)
test('cloud-init: executes command correctly', async () => {
  const res = await yip(['-s', 'tests', '-d', '-'], { input: 'stages.tests[0].commands[0]="echo foobarz"', env: { LOGLEVEL: 'debug' } });
  assert.is(res.code, 0, res.stderr);
  assert.match(res.stderr, /`echo foobarz` output:\nfoobarz/);
});

// cloud-init_test.go, "fails when a malformed yaml is given"
test('cloud-init: fails when a malformed yaml is given', async () => {
  const res = await yip(['-s', 'tests', '-d', '-'], { input: 'stages.tests=foo' });
  assert.is(res.code, 1, res.stderr);
});

// cloud-init_test.go, "ignores empty input"
test('cloud-init: ignores empty input', async () => {
  const res = await yip(['-s', 'tests', '-'], { input: '' });
  assert.is(res.code, 0, res.stderr);
});

// cloudinit_test.go, "loading yaml files" / "executes commands"
test('CloudRunner: executes commands', async () => {
  const r = await root({
    'tmp/test/bar': 'boo',
    'some/yip/01_first.yaml': "stages:\n  test:\n  - commands:\n    - sed -i 's/boo/bar/g' /tmp/test/bar\n",
    'some/yip/02_second.yaml': "stages:\n  test:\n  - commands:\n    - sed -i 's/bar/baz/g' /tmp/test/bar\n",
  });
  const res = await runStage(r, ['--cloud-init-paths', '/some/yip', 'test']);
  assert.is(res.code, 0, res.stderr);
  assert.is(readFileSync(join(r, 'tmp/test/bar'), 'utf8'), 'baz');
});

// cloudinit_test.go, "writing yaml files" / "produces yaml files and is capable to executed them":
// a config written by a YAML writer runs
test('CloudRunner: produces yaml files and is capable to executed them', async () => {
  const step = { name: 'Some step', commands: ["echo 'Hello world' > /output/hello"] };
  const config = { name: 'Example cloud-config file', stages: { 'hello-test': [step] } };
  const r = await root({ 'conf/exmaple.yaml': stringify(config), 'output/.keep': '' });
  const res = await runStage(r, ['--cloud-init-paths', '/conf', 'hello-test']);
  assert.is(res.code, 0, res.stderr);
  assert.is(readFileSync(join(r, 'output/hello'), 'utf8'), 'Hello world\n');
});

const layoutStep = (name: string, device: string) => `stages:\n  test:\n  - name: ${name}\n    layout:\n      device:\n        ${device}\n`;

// cloudinit_test.go, "layout plugin execution" / "Fails to find device by path"
test('CloudRunner layout: Fails to find device by path', async () => {
  const r = await root({ 'some/yip/layout.yaml': layoutStep('Missing device path', 'path: /whatever') });
  const res = await runStage(r, ['--strict', '--cloud-init-paths', '/some/yip', 'test']);
  assert.is(res.code, 65, res.stderr);
  assert.match(res.stderr, '/whatever');
});

// cloudinit_test.go, "layout plugin execution" / "Fails to find device by label". Labels are looked
// up on the host only (README, Compatibility: a chroot stage picking a host disk by label), so this
// one runs with the host as the target: blkid finds no such label.
test('CloudRunner layout: Fails to find device by label', async () => {
  const dir = writeTree(tempDir(), { 'some/yip/layout.yaml': layoutStep('Missing device label', 'label: IM_NOT_THERE') });
  const res = await runStage('/', ['--strict', '--cloud-init-paths', join(dir, 'some/yip'), 'test']);
  assert.is(res.code, 65, res.stderr);
  assert.match(res.stderr, 'IM_NOT_THERE');
  assert.not.match(res.stderr, 'is not looked up', 'the label was looked up');
});

test.run();
