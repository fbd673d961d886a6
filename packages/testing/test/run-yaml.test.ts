/** runYaml, runStep and recordHooks with the real files and conditionals plugins, in real temporary roots. */
import { randomUUID } from 'node:crypto';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { pathExists, rootPerTest } from '@yipts/test-fixtures';
import { ACTION_ORDER, defineAction, definePlugin, s, YiptsError } from '@yipts/core';
import conditionalsPlugin from '@yipts/plugin-conditionals';
import filesPlugin from '@yipts/plugin-files';
import { filesUnder, formatLog, recordHooks, runStep, runYaml, tempRoot } from '../src/index.js';
import type { TempRoot } from '../src/index.js';

/** A render tap that upper-cases, to see that recording a waterfall hook leaves its result alone. */
const shout = definePlugin({ name: 'shout', apply: (hooks) => hooks.render.tap('shout', (text) => text.toUpperCase()) });

/** An action that fails on purpose, naming the value it got. */
const breaks = definePlugin({
  name: 'breaks',
  actions: {
    breaks: defineAction({
      schema: s.string(),
      order: ACTION_ORDER.COMMANDS,
      run: (value) => {
        throw new Error(`broke on ${value}`);
      },
    }),
  },
});

const CONFIG = `name: cfg
stages:
  default:
    - name: one
      files:
        - path: /etc/one
          permsisions: 0600
          content: first
    - name: skipped
      if_files:
        any: [/does/not/exist]
      files:
        - path: /etc/never
          content: never
    - name: broken
      breaks: here
      files:
        - path: /etc/three
          content: third
`;

const runs = suite<{ root: TempRoot }>('runYaml');

rootPerTest(runs, tempRoot);

runs('runs one document through the plugins given and returns steps, errors, warnings and logs', async ({ root }) => {
  const run = await runYaml(CONFIG, { plugins: [filesPlugin(), conditionalsPlugin(), breaks], root: root.path });
  assert.equal(
    run.steps.map((st) => [st.id, st.status]),
    [
      ['cfg.one', 'ok'],
      ['cfg.skipped', 'skipped'],
      ['cfg.broken', 'failed'],
    ],
  );
  assert.equal(await filesUnder(root.path), {
    // The misspelt `permsisions` is ignored with a warning: the default mode applies.
    'etc/one': { mode: 0o644, content: 'first' },
    'etc/three': { mode: 0o644, content: 'third' },
  });
  assert.is(run.errors.length, 1);
  const error = run.errors[0]!;
  assert.instance(error, YiptsError);
  assert.equal(
    [error.plugin, error.hook, error.file, error.stepId, error.reason],
    ['breaks', 'action:breaks', 'test.yaml', 'cfg.broken', 'broke on here'],
  );
  assert.equal(run.warnings, [
    {
      level: 'warning',
      message: 'unknown key `permsisions` is ignored; did you mean `permissions`?',
      file: 'test.yaml',
      line: 7,
      col: 11,
      stepId: 'cfg.one',
      code: 'unknown-key',
    },
  ]);
  assert.ok(
    run.logs.some(
      (r) => r.level === 'info' && r.message === 'skipped: none of if_files.any exists (/does/not/exist)' && r.stepId === 'cfg.skipped',
    ),
  );
  assert.is(run.root, root.path);
  assert.not.ok(run.result.ok);
});

runs('an object config runs as its YAML would, under the file name given', async ({ root }) => {
  const run = await runYaml(
    { name: 'obj', stages: { boot: [{ files: [{ path: '/etc/from-object', content: 'yes', permissions: 0o600 }] }] } },
    { plugins: [filesPlugin()], root: root.path, stage: 'boot', file: '/oem/object.yaml' },
  );
  assert.equal(
    run.steps.map((st) => [st.id, st.status]),
    [['obj.0', 'ok']],
  );
  assert.equal(await filesUnder(root.path), { 'etc/from-object': { mode: 0o600, content: 'yes' } });
  assert.equal(run.errors, []);
  assert.is(run.result.stages[0]?.source, '/oem/object.yaml');
});

runs('only the stage asked for runs; `default` when none is given', async ({ root }) => {
  const yaml = 'stages:\n  default:\n    - files: [{path: /etc/d, content: d}]\n  boot:\n    - files: [{path: /etc/b, content: b}]\n';
  await runYaml(yaml, { plugins: [filesPlugin()], root: root.path });
  assert.equal(Object.keys(await filesUnder(root.path)), ['etc/d']);
});

runs('without a root, the run gets an empty temporary one, removed afterwards: nothing lands on the host', async () => {
  const name = `/yipts-testing-canary-${randomUUID()}`;
  const run = await runYaml(`stages:\n  default:\n    - files: [{path: ${name}, content: x}]\n`, { plugins: [filesPlugin()] });
  assert.equal(
    run.steps.map((st) => st.status),
    ['ok'],
  );
  assert.is.not(run.root, '/');
  assert.not.ok(await pathExists(run.root), 'the temporary root is removed');
  assert.not.ok(await pathExists(name), 'the host got nothing');
});

runs('a file that does not parse is an error with its line and column; no step runs', async ({ root }) => {
  const run = await runYaml('stages:\n  default:\n    - files: [unclosed\n', { plugins: [filesPlugin()], root: root.path });
  assert.equal(run.steps, []);
  assert.is(run.errors.length, 1);
  assert.is(run.errors[0]!.file, 'test.yaml');
  assert.type(run.errors[0]!.line, 'number');
  assert.not.ok(run.result.ok);
  assert.equal(await filesUnder(root.path), {});
});

runs('the environment of commands is only PATH unless given', async ({ root }) => {
  let seen: Readonly<Record<string, string | undefined>> = {};
  const env = definePlugin({
    name: 'env',
    actions: {
      env: defineAction({
        schema: s.boolean(),
        order: 1,
        run: (_v, ctx) => {
          seen = ctx.run.options.env;
        },
      }),
    },
  });
  await runYaml('stages:\n  default:\n    - env: true\n', { plugins: [env], root: root.path });
  assert.equal(Object.keys(seen), ['PATH']);
  await runYaml('stages:\n  default:\n    - env: true\n', { plugins: [env], root: root.path, env: { LANG: 'C' } });
  assert.equal(seen, { LANG: 'C' });
});

runs('runStep runs one step object and returns its result', async ({ root }) => {
  const run = await runStep(
    { name: 'write', files: [{ path: '/etc/step', content: 'one step' }] },
    { plugins: [filesPlugin()], root: root.path },
  );
  assert.is(run.step.id, 'test.write');
  assert.is(run.step.status, 'ok');
  assert.is(await root.read('/etc/step'), 'one step');
  const unnamed = await runStep({ breaks: 'x' }, { plugins: [breaks], root: root.path, stage: 'boot' });
  assert.is(unnamed.step.id, 'test.0');
  assert.is(unnamed.step.status, 'failed');
  assert.is(unnamed.step.errors[0]?.message, '[breaks] action:breaks: broke on x');
});

runs('formatLog prints a record as the command line does', () => {
  assert.is(
    formatLog({
      level: 'warning',
      message: 'unknown key `x` is ignored',
      file: '/oem/a.yaml',
      line: 3,
      col: 7,
      stepId: 'a.0',
      plugin: 'files',
    }),
    '/oem/a.yaml:3:7 (a.0) [files] unknown key `x` is ignored',
  );
  assert.is(formatLog({ level: 'info', message: 'plain' }), 'plain');
});

runs.run();

const hooks = suite<{ root: TempRoot }>('recordHooks');

rootPerTest(hooks, tempRoot);

hooks('events are the hook calls in call order, a skipped step included', async ({ root }) => {
  const run = await runYaml(CONFIG, { plugins: [filesPlugin(), conditionalsPlugin(), breaks], root: root.path });
  assert.equal(
    run.events.filter((e) => e.hook !== 'render').map((e) => e.label),
    [
      'beforeRun',
      'resolveSources default',
      'stageStart default',
      'sourcesLoaded default',
      'configLoaded default',
      'planned default',
      'stepStart cfg.one',
      'checkStep cfg.one',
      'action:files cfg.one',
      'stepEnd cfg.one',
      'stepStart cfg.skipped',
      'checkStep cfg.skipped',
      'stepEnd cfg.skipped',
      'stepStart cfg.broken',
      'checkStep cfg.broken',
      'action:files cfg.broken',
      'action:breaks cfg.broken',
      'stepError cfg.broken',
      'stepEnd cfg.broken',
      'stageEnd default',
      'afterRun',
    ],
  );
  const detail = (label: string) => run.events.find((e) => e.label === label)?.detail;
  assert.is(detail('configLoaded default'), 'test.yaml');
  assert.is(detail('planned default'), 'cfg.one, cfg.skipped, cfg.broken');
  assert.is(detail('stepEnd cfg.skipped'), 'skipped');
  assert.is(detail('stepError cfg.broken'), 'broke on here');
  assert.is(detail('stepEnd cfg.broken'), 'failed');
  assert.is(detail('afterRun'), 'failed');
  assert.equal(
    run.events.filter((e) => e.hook === 'render').map((e) => [e.step, e.detail]),
    [
      ['cfg.one', 'first'],
      ['cfg.broken', 'third'],
    ],
  );
});

hooks('recording changes nothing: a waterfall hook still returns what its taps give', async ({ root }) => {
  const recorder = recordHooks();
  const run = await runYaml('stages:\n  default:\n    - files: [{path: /etc/loud, content: hello}]\n', {
    plugins: [filesPlugin(), shout, recorder],
    root: root.path,
  });
  assert.is(await root.read('/etc/loud'), 'HELLO');
  assert.equal(
    recorder.labels({ render: true }).filter((l) => l.startsWith('render')),
    ['render test.yaml.0'],
  );
  assert.is(run.events.length, recorder.events.length);
});

hooks('a recorder given among the plugins is the one read, and each run returns only its own calls', async ({ root }) => {
  const recorder = recordHooks();
  const first = await runYaml('stages:\n  default:\n    - breaks: a\n', { plugins: [breaks, recorder], root: root.path });
  const second = await runYaml('stages:\n  default:\n    - breaks: b\n    - breaks: c\n', { plugins: [breaks, recorder], root: root.path });
  assert.is(recorder.events.length, first.events.length + second.events.length);
  assert.equal(
    first.events.filter((e) => e.hook === 'stepError').map((e) => e.detail),
    ['broke on a'],
  );
  assert.equal(
    second.events.filter((e) => e.hook === 'stepError').map((e) => e.detail),
    ['broke on b', 'broke on c'],
  );
  assert.equal(recorder.labels().slice(0, 1), ['beforeRun']);
});

hooks.run();
