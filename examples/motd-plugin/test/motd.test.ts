/**
 * The motd plugin, tested the way a plugin author outside the project would: with @yipts/testing,
 * real temporary roots, and the real files, commands and templates plugins around it.
 */
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createExecutor } from '@yipts/core';
import commandsPlugin from '@yipts/plugin-commands';
import filesPlugin from '@yipts/plugin-files';
import templatesPlugin from '@yipts/plugin-templates';
import { filesUnder, runStep, runYaml, tempRoot } from '@yipts/testing';
import type { TempRoot } from '@yipts/testing';
import { busyboxRoot, pathExists, rootPerTest } from '@yipts/test-fixtures';
import motdPlugin, { DEFAULT_MOTD_PATH, MOTD_ORDER, PLUGIN_NAME } from '../src/index.js';

const templates = () => templatesPlugin({ data: { Values: { node: { hostname: 'node-1' } } } });

const motd = suite<{ root: TempRoot }>('motd');

rootPerTest(motd, () => tempRoot({ 'etc/os-release': 'ID=test\n' }));

motd('writes the rendered message to /etc/motd with mode 0644 and one final newline', async ({ root }) => {
  const run = await runStep(
    { motd: { message: 'Welcome to {{ .Values.node.hostname }}' } },
    { plugins: [motdPlugin(), templates()], root: root.path },
  );
  assert.is(run.step.status, 'ok', run.errors.map((e) => e.message).join('\n'));
  assert.equal(await filesUnder(root.path), {
    'etc/motd': { mode: 0o644, content: 'Welcome to node-1\n' },
    'etc/os-release': { mode: 0o644, content: 'ID=test\n' },
  });
  assert.is(DEFAULT_MOTD_PATH, '/etc/motd');
});

motd('the prefix option comes first; a step`s path wins over the path option; parents are created', async ({ root }) => {
  const plugins = [motdPlugin({ path: '/etc/issue.d/50-yipts.issue', prefix: '[managed by yipts] ' })];
  const yaml = [
    'stages:',
    '  boot:',
    '    - motd: {message: "default place\\n"}',
    '    - motd: {message: elsewhere, path: /run/motd.d/10-note}',
    '',
  ].join('\n');
  const run = await runYaml(yaml, { plugins, root: root.path, stage: 'boot' });
  assert.equal(run.errors, []);
  const files = await filesUnder(root.path);
  assert.equal(files['etc/issue.d/50-yipts.issue'], { mode: 0o644, content: '[managed by yipts] default place\n' });
  assert.equal(files['run/motd.d/10-note'], { mode: 0o644, content: '[managed by yipts] elsewhere\n' });
  assert.not.ok('etc/motd' in files);
  // The lifecycle tap: when the run ends, one line says what was written.
  const summary = run.logs.filter((r) => r.plugin === PLUGIN_NAME && r.level === 'info');
  assert.equal(
    summary.map((r) => r.message),
    ['motd: 2 message(s) written: /etc/issue.d/50-yipts.issue, /run/motd.d/10-note'],
  );
});

motd('a typo in the key`s fields gets the same did-you-mean warning as a built-in key', async ({ root }) => {
  const yaml = [
    'name: typos',
    'stages:',
    '  default:',
    '    - motd:',
    '        message: hi',
    '        pth: /etc/elsewhere',
    '      files:',
    '        - path: /etc/f',
    '          permsisions: 0600',
    '',
  ].join('\n');
  const run = await runYaml(yaml, { plugins: [motdPlugin(), filesPlugin()], root: root.path, file: '/oem/typos.yaml' });
  const where = { level: 'warning', file: '/oem/typos.yaml', stepId: 'typos.0', code: 'unknown-key' };
  assert.equal(run.warnings, [
    { ...where, message: 'unknown key `pth` is ignored; did you mean `path`?', line: 6, col: 9 },
    { ...where, message: 'unknown key `permsisions` is ignored; did you mean `permissions`?', line: 9, col: 11 },
  ]);
  // As for the built-in key, the rest of the step runs: the misspelt field alone is ignored.
  assert.is(await root.read('/etc/motd'), 'hi\n');
  assert.not.ok(await pathExists(join(root.path, 'etc/elsewhere')));
});

motd('a misspelt key name itself is suggested too, and a missing message fails the step with its line', async ({ root }) => {
  const run = await runYaml('stages:\n  default:\n    - mtod: {message: hi}\n    - motd: {path: /etc/x}\n', {
    plugins: [motdPlugin()],
    root: root.path,
  });
  assert.equal(
    run.warnings.map((w) => [w.message, w.line, w.col]),
    [['unknown key `mtod` is ignored; did you mean `motd`?', 3, 7]],
  );
  assert.equal(
    run.steps.map((st) => st.status),
    ['ok', 'failed'],
  );
  assert.equal(
    run.errors.map((e) => [e.reason, e.line, e.hook, e.stepId]),
    [['`motd`: missing required key `message`', 4, 'plan', 'test.yaml.1']],
  );
  assert.equal(await filesUnder(root.path), { 'etc/os-release': { mode: 0o644, content: 'ID=test\n' } });
});

motd("the JSON Schema of an executor with the plugin has the new key next to the other plugins' keys", () => {
  const schema = createExecutor({ plugins: [motdPlugin(), filesPlugin()] }).jsonSchema();
  const step = schema.anyOf?.[0]?.properties?.stages?.additionalProperties;
  assert.ok(step && typeof step === 'object');
  const keys = (step as { items?: { properties?: Record<string, unknown> } }).items?.properties ?? {};
  assert.equal(keys.motd, {
    type: 'object',
    properties: {
      message: { type: ['string', 'number', 'boolean'], description: 'the message of the day; a template' },
      path: {
        type: ['string', 'number', 'boolean'],
        description: 'where to write it inside the target root; the plugin option `path` when missing',
      },
    },
    additionalProperties: false,
    required: ['message'],
  });
  // Only the keys of the plugins in use: files is there, commands (no plugin here) is not.
  assert.ok('files' in keys && 'after' in keys);
  assert.not.ok('commands' in keys || 'if_files' in keys);
});

motd('an absolute symlink in the image cannot send the write to the host', async ({ root }) => {
  const host = await mkdtemp(join(tmpdir(), 'yipts-motd-host-'));
  try {
    await writeFile(join(host, 'motd'), 'host motd\n');
    await root.write({ 'etc/motd': { symlink: join(host, 'motd') } });
    const run = await runStep({ motd: { message: 'image motd' } }, { plugins: [motdPlugin()], root: root.path });
    assert.is(run.step.status, 'ok', run.errors.map((e) => e.message).join('\n'));
    assert.is(await readFile(join(host, 'motd'), 'utf8'), 'host motd\n');
    // Resolved as chroot would: the link's target, inside the root.
    assert.is(await readFile(join(root.path, host, 'motd'), 'utf8'), 'image motd\n');
  } finally {
    await rm(host, { recursive: true, force: true });
  }
});

motd('a write that fails names the plugin, hook and step, leaves no temporary file, and the next step runs', async ({ root }) => {
  await root.write({ 'etc/motd/keep': 'a directory stands where the file should go' });
  const run = await runYaml(
    'name: cfg\nstages:\n  default:\n    - name: blocked\n      motd: {message: hi}\n    - name: next\n      motd: {message: ok, path: /etc/issue}\n',
    {
      plugins: [motdPlugin()],
      root: root.path,
    },
  );
  assert.equal(
    run.steps.map((st) => [st.id, st.status]),
    [
      ['cfg.blocked', 'failed'],
      ['cfg.next', 'ok'],
    ],
  );
  const error = run.errors[0]!;
  assert.equal([error.plugin, error.hook, error.stepId, error.file], ['motd', 'action:motd', 'cfg.blocked', 'test.yaml']);
  assert.match(error.reason, /EISDIR|directory/);
  assert.equal(await readdir(join(root.path, 'etc')), ['issue', 'motd', 'os-release']);
  assert.equal(await readdir(join(root.path, 'etc/motd')), ['keep']);
});

motd('options are checked when the executor is composed', () => {
  assert.throws(() => motdPlugin({ path: 'etc/motd' }), /option `path` must be an absolute path, got "etc\/motd"/);
  assert.throws(() => motdPlugin({ prefix: 42 as unknown as string }), /option `prefix` must be a string/);
});

motd('the package default-exports its factory, as a config file of the command line loads it', async () => {
  const loaded = (await import('yipts-plugin-motd')) as { default: (options?: object) => { name: string; actions?: object } };
  assert.type(loaded.default, 'function');
  const plugin = loaded.default({ prefix: '> ' });
  assert.is(plugin.name, 'motd');
  assert.equal(Object.keys(plugin.actions ?? {}), ['motd']);
});

motd.run();

const order = suite<{ root: { path: string; cleanup(): Promise<void> } }>('motd order');

rootPerTest(order, busyboxRoot);

order('runs after `files` and before `commands` of the same step, whatever the key order in the YAML', async ({ root }) => {
  const yaml = [
    'stages:',
    '  default:',
    '    - commands: [cp /etc/motd /tmp/seen-by-commands]',
    '      motd: {message: from motd}',
    '      files: [{path: /etc/motd, content: "from files\\n"}]',
    '',
  ].join('\n');
  const run = await runYaml(yaml, { plugins: [commandsPlugin(), motdPlugin(), filesPlugin()], root: root.path });
  assert.equal(run.errors, []);
  assert.equal(
    run.events.filter((e) => e.hook.startsWith('action:')).map((e) => e.hook),
    ['action:files', 'action:motd', 'action:commands'],
  );
  assert.is(await readFile(join(root.path, 'etc/motd'), 'utf8'), 'from motd\n');
  assert.is(await readFile(join(root.path, 'tmp/seen-by-commands'), 'utf8'), 'from motd\n');
  assert.ok(MOTD_ORDER > 600 && MOTD_ORDER < 700);
});

order.run();
