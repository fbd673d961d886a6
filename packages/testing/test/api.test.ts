/**
 * The public API as an executor builder meets it: a composition of chosen plugins, what happens
 * to keys nobody handles, what a failing plugin becomes, and compositions that cannot work.
 * Real config files, a real busybox root for the commands.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import {
  ACTION_ORDER,
  CompositionError,
  createExecutor,
  defineAction,
  defineCondition,
  definePlugin,
  CONDITION_ORDER,
  s,
  yipAction,
  yipSchema,
  type YiptsError,
} from '@yipts/core';
import type { Plugin } from '@yipts/core';
import commandsPlugin from '@yipts/plugin-commands';
import filesPlugin from '@yipts/plugin-files';
import { busyboxRoot, pathExists, rootPerTest } from '@yipts/test-fixtures';
import { recordingLogger, runYaml, tempDirs } from '../src/index.js';

interface Ctx {
  root: { path: string; cleanup(): Promise<void> };
  configs: string;
}

/** The suite's scratch directories, removed when it ends. */
const scratch = tempDirs();

const api = suite<Ctx>('custom executor');

rootPerTest(api, busyboxRoot);
api.before.each(async (ctx) => {
  ctx.configs = await scratch.make('yipts-api-configs-');
});
api.after(() => scratch.cleanup());

api('an executor with only the commands plugin runs commands and warns that no plugin handles `files`', async ({ root, configs }) => {
  const file = join(configs, '10_mixed.yaml');
  await writeFile(
    file,
    [
      'name: only-commands',
      'stages:',
      '  boot:',
      '    - name: mixed',
      '      files:',
      '        - path: /etc/should-not-exist',
      '          content: x',
      '      commands:',
      '        - echo ran > /tmp/ran',
      '',
    ].join('\n'),
  );
  const logger = recordingLogger();
  const executor = createExecutor({ plugins: [commandsPlugin()], logger });
  assert.equal([...executor.keys], [['commands', 'commands']]);
  const result = await executor.runStage('boot', [configs], { root: root.path, env: { PATH: '/bin:/usr/bin' } });

  assert.ok(result.ok, JSON.stringify(result.stages.flatMap((st) => st.steps.flatMap((x) => x.errors.map((e) => e.message)))));
  const steps = result.stages.flatMap((st) => st.steps);
  assert.equal(
    steps.map((st) => [st.id, st.status]),
    [['only-commands.mixed', 'ok']],
  );
  assert.is(await readFile(join(root.path, 'tmp/ran'), 'utf8'), 'ran\n');
  assert.not.ok(await pathExists(join(root.path, 'etc/should-not-exist')));
  const warnings = logger.records.filter((r) => r.level === 'warning');
  const message = 'no plugin handles `files`; it is ignored';
  const expected = { level: 'warning', message, file, stepId: 'only-commands.mixed', line: 5, col: 7 };
  assert.equal(warnings, [{ ...expected, code: 'unhandled-key' }]);
});

api('a plugin that throws is reported with its name, hook and step id; the other steps and actions still run', async ({ root }) => {
  const flaky = definePlugin({
    name: 'flaky',
    actions: {
      flaky: defineAction({
        schema: s.object({ fail: s.boolean(), entries: s.list(s.string()) }),
        order: ACTION_ORDER.FILES + 50,
        run: (value, ctx) => {
          if (value.entries) {
            // Several failures of one action: each entry is its own error.
            throw new AggregateError(
              value.entries.map((e) => new Error(`entry ${e} failed`)),
              'entries failed',
            );
          }
          if (value.fail) throw new TypeError(`flaky failed in ${ctx.step.id}`);
        },
      }),
    },
    apply(hooks) {
      hooks.stepStart.tap('flaky', (ctx) => {
        if (ctx.step.name === 'refused') throw new Error('stepStart refuses this step');
      });
    },
  });
  const yaml = [
    'name: cfg',
    'stages:',
    '  default:',
    '    - name: first',
    '      flaky: {fail: true}',
    '      commands: [echo first > /tmp/first]',
    '    - name: refused',
    '      commands: [echo refused > /tmp/refused]',
    '    - name: several',
    '      flaky: {entries: [a, b]}',
    '    - name: last',
    '      commands: [echo last > /tmp/last]',
    '',
  ].join('\n');
  const run = await runYaml(yaml, { plugins: [commandsPlugin(), flaky], root: root.path, file: '/oem/90_flaky.yaml' });
  assert.equal(
    run.steps.map((st) => [st.id, st.status]),
    [
      ['cfg.first', 'failed'],
      ['cfg.refused', 'failed'],
      ['cfg.several', 'failed'],
      ['cfg.last', 'ok'],
    ],
  );
  const origin = (e: YiptsError) => [e.plugin, e.hook, e.file, e.stepId, e.reason];
  assert.equal(run.errors.map(origin), [
    ['flaky', 'action:flaky', '/oem/90_flaky.yaml', 'cfg.first', 'flaky failed in cfg.first'],
    ['flaky', 'stepStart', '/oem/90_flaky.yaml', 'cfg.refused', 'stepStart refuses this step'],
    ['flaky', 'action:flaky', '/oem/90_flaky.yaml', 'cfg.several', 'entry a failed'],
    ['flaky', 'action:flaky', '/oem/90_flaky.yaml', 'cfg.several', 'entry b failed'],
  ]);
  assert.instance(run.errors[0]!.cause, TypeError);
  assert.is(run.errors[0]!.message, '[flaky] action:flaky: flaky failed in cfg.first');
  // The failed action did not stop the step's later action, nor later steps.
  assert.is(await readFile(join(root.path, 'tmp/first'), 'utf8'), 'first\n');
  assert.is(await readFile(join(root.path, 'tmp/last'), 'utf8'), 'last\n');
  // A step whose stepStart failed runs none of its actions.
  assert.not.ok(await pathExists(join(root.path, 'tmp/refused')));
  assert.not.ok(run.result.ok);
  assert.not.ok(run.result.fatal);
  const errorLogs = run.logs.filter((r) => r.level === 'error');
  assert.ok(
    errorLogs.some((r) => r.plugin === 'flaky' && r.stepId === 'cfg.first' && r.message === 'action:flaky: flaky failed in cfg.first'),
    JSON.stringify(errorLogs),
  );
});

api('a hook that throws at the stage level ends that source only; beforeRun makes the run fatal and afterRun still runs', async () => {
  const source = (name: string) => ({ kind: 'inline' as const, name, text: 'stages:\n  a:\n    - mark: x\n  b:\n    - mark: y\n' });
  const marks: string[] = [];
  const marker = (throwIn: 'stageStart' | 'resolveSources' | 'beforeRun') => {
    let thrown = false;
    const once = () => {
      if (!thrown) {
        thrown = true;
        throw new Error(`${throwIn} failed`);
      }
    };
    return definePlugin({
      name: 'marker',
      actions: {
        mark: defineAction({
          schema: s.string(),
          order: ACTION_ORDER.COMMANDS,
          run: (_v, ctx) => void marks.push(`${ctx.stage}/${ctx.stageContext.sourceName}`),
        }),
      },
      apply(hooks) {
        if (throwIn === 'stageStart') hooks.stageStart.tap('marker', once);
        if (throwIn === 'beforeRun') hooks.beforeRun.tap('marker', once);
        if (throwIn === 'resolveSources')
          hooks.resolveSources.tap('marker', (sources) => {
            once();
            return sources;
          });
        hooks.afterRun.tap('marker', () => void marks.push('afterRun'));
      },
    });
  };
  const stages = [
    { stage: 'a', sources: [source('one'), source('two')] },
    { stage: 'b', sources: [source('three')] },
  ];
  const origin = (e: YiptsError) => [e.plugin, e.hook, e.reason];

  let result = await createExecutor({ plugins: [marker('stageStart')] }).run({ stages });
  assert.equal(marks.splice(0), ['a/two', 'b/three', 'afterRun']);
  assert.equal(result.errors.map(origin), [['marker', 'stageStart', 'stageStart failed']]);
  assert.equal([result.ok, result.fatal], [false, false]);

  result = await createExecutor({ plugins: [marker('resolveSources')] }).run({ stages });
  assert.equal(marks.splice(0), ['b/three', 'afterRun']);
  assert.equal(result.errors.map(origin), [['marker', 'resolveSources', 'resolveSources failed']]);

  result = await createExecutor({ plugins: [marker('beforeRun')] }).run({ stages });
  assert.equal(marks.splice(0), ['afterRun']);
  assert.equal([result.ok, result.fatal], [false, true]);
  assert.equal(result.errors.map(origin), [['marker', 'beforeRun', 'beforeRun failed']]);
});

api.run();

const composition = suite('composition');

const claimer = (name: string, key: string, how: 'action' | 'condition' | 'field' = 'action'): Plugin =>
  definePlugin({
    name,
    ...(how === 'action'
      ? { actions: { [key]: defineAction({ schema: s.string(), order: ACTION_ORDER.COMMANDS + 1, run: () => {} }) } }
      : {}),
    ...(how === 'condition'
      ? { conditions: { [key]: defineCondition({ schema: s.string(), order: CONDITION_ORDER.IF_FILES + 1, check: () => undefined }) } }
      : {}),
    ...(how === 'field' ? { fields: { [key]: s.string() } } : {}),
  });

const compositionError = (plugins: Plugin[]): CompositionError => {
  try {
    createExecutor({ plugins });
  } catch (error) {
    assert.instance(error, CompositionError);
    return error as CompositionError;
  }
  assert.unreachable('the composition was accepted');
  throw new Error('unreachable');
};

composition('two plugins claiming the same key are rejected, naming both and the key', () => {
  assert.is(
    compositionError([claimer('first', 'motd'), claimer('second', 'motd')]).message,
    'plugins "first" and "second" both claim the key `motd`',
  );
  assert.is(
    compositionError([
      filesPlugin(),
      definePlugin({
        name: 'my-files',
        actions: { files: defineAction({ schema: yipSchema.actionSchemas.files, order: ACTION_ORDER.FILES, run: () => {} }) },
      }),
    ]).message,
    'plugins "files" and "my-files" both claim the key `files`',
  );
});

composition('an action, a conditional and a field all claim their key', () => {
  assert.match(
    compositionError([claimer('a', 'k', 'field'), claimer('b', 'k', 'action')]).message,
    'plugins "a" and "b" both claim the key `k`',
  );
  assert.match(
    compositionError([claimer('a', 'k', 'condition'), claimer('b', 'k', 'field')]).message,
    'plugins "a" and "b" both claim the key `k`',
  );
});

composition('engine keys, duplicate and nameless plugins are rejected before anything runs', () => {
  assert.is(compositionError([claimer('greedy', 'after')]).message, 'plugin "greedy" claims the key `after`, which belongs to the engine');
  assert.is(compositionError([claimer('twice', 'x'), claimer('twice', 'y')]).message, 'plugin "twice" is given twice');
  assert.is(compositionError([{ actions: {} } as unknown as Plugin]).message, 'a plugin has no name');
});

composition("a plugin may handle a yip key nobody else claims, with the key's own schema", async () => {
  const seen: unknown[] = [];
  const mine = definePlugin({
    name: 'my-hostname',
    actions: {
      hostname: yipAction('hostname', { run: (value) => void seen.push(value) }),
    },
  });
  const run = await runYaml('stages:\n  default:\n    - hostname: 1234\n', { plugins: [mine] });
  assert.equal(seen, ['1234']);
  assert.equal(run.warnings, []);
});

composition.run();
