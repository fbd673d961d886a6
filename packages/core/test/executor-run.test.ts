/** Running steps: bounded concurrency, the fixed action order, unhandled keys, run-time evaluation. */
import { access, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  ACTION_ORDER,
  CONDITION_ORDER,
  CONFIG_SCHEMA_ID,
  createExecutor,
  defineAction,
  defineCondition,
  definePlugin,
  s,
  yipAction,
  yipSchema,
} from '../src/index.js';
import type { ActionContext, JSONSchema, Plugin } from '../src/index.js';
import { inline, recordingLogger, stepOf, tempDirs } from './helpers.js';

const tmp = tempDirs();
test.after(tmp.cleanup);

/** An action that counts how many of its runs are in flight at once. */
function gauge() {
  let inFlight = 0;
  const state = { max: 0, runs: 0 };
  const plugin = definePlugin({
    name: 'gauge',
    actions: {
      gauge: defineAction({
        schema: s.integer(),
        order: ACTION_ORDER.COMMANDS,
        run: async (ticks) => {
          state.runs++;
          state.max = Math.max(state.max, ++inFlight);
          for (let i = 0; i < ticks; i++) await new Promise((r) => setImmediate(r));
          inFlight--;
        },
      }),
    },
  });
  return { plugin, state };
}

/** A root step and `n` steps that wait only for it: all ready at the same time. */
function fanOut(n: number): string {
  const lines = ['name: fan', 'stages:', '  s:', '    - name: root', '      gauge: 1'];
  for (let i = 0; i < n; i++) lines.push(`    - name: w${i}`, '      after: [{name: root}]', `      gauge: ${3 + (i % 4)}`);
  return lines.join('\n');
}

test('independent steps run at the same time, never more than `concurrency`', async () => {
  for (const concurrency of [1, 3, 8]) {
    const g = gauge();
    const result = await createExecutor({ plugins: [g.plugin] }).runStage('s', [inline('f', fanOut(12))], { concurrency });
    assert.ok(result.ok);
    assert.is(g.state.runs, 13);
    assert.is(g.state.max, concurrency, `concurrency ${concurrency}`);
  }
});

test('the executor default concurrency applies when the run does not say', async () => {
  const g = gauge();
  await createExecutor({ plugins: [g.plugin], concurrency: 2 }).runStage('s', [inline('f', fanOut(6))]);
  assert.is(g.state.max, 2);
});

test('steps of a chain never overlap', async () => {
  const g = gauge();
  await createExecutor({ plugins: [g.plugin] }).runStage('s', [inline('f', `stages:\n  s:\n${'    - gauge: 3\n'.repeat(6)}`)], {
    concurrency: 8,
  });
  assert.is(g.state.runs, 6);
  assert.is(g.state.max, 1);
});

test('actions run in the fixed order, whatever the order of keys in the YAML', async () => {
  const order: string[] = [];
  const record = (key: string) => (_v: unknown, ctx: ActionContext) => {
    assert.is(ctx.key, key);
    order.push(key);
  };
  const a = yipSchema.actionSchemas;
  const plugin = definePlugin({
    name: 'recorder',
    actions: {
      packages: defineAction({ schema: a.packages, order: ACTION_ORDER.PACKAGES, run: record('packages') }),
      commands: defineAction({ schema: a.commands, order: ACTION_ORDER.COMMANDS, run: record('commands') }),
      files: defineAction({ schema: a.files, order: ACTION_ORDER.FILES, run: record('files') }),
      directories: defineAction({ schema: a.directories, order: ACTION_ORDER.DIRECTORIES, run: record('directories') }),
      dns: defineAction({ schema: a.dns, order: ACTION_ORDER.DNS, run: record('dns') }),
      systemctl: defineAction({ schema: a.systemctl, order: ACTION_ORDER.SYSTEMCTL, run: record('systemctl') }),
      between: defineAction({ schema: s.string(), order: ACTION_ORDER.FILES + 10, run: record('between') }),
    },
  });
  const text =
    'stages:\n  s:\n    - packages: {install: [vim]}\n      commands: [x]\n      systemctl: {enable: [a]}\n      between: y\n      files: [{path: /x}]\n      name: n\n      directories: [{path: /d}]\n      dns: {nameservers: [1.1.1.1]}\n';
  const result = await createExecutor({ plugins: [plugin] }).runStage('s', [inline('f', text)]);
  assert.ok(result.ok);
  assert.equal(order, ['dns', 'directories', 'files', 'between', 'commands', 'systemctl', 'packages']);
});

test('conditionals are checked in their order; the first that says skip wins and later ones are not asked', async () => {
  const asked: string[] = [];
  const cond = (key: string, order: number) =>
    defineCondition({
      schema: s.string(),
      order,
      check: (v) => {
        asked.push(key);
        return v === 'no' ? `${key} said no` : undefined;
      },
    });
  const plugin = definePlugin({
    name: 'conds',
    conditions: {
      late: cond('late', CONDITION_ORDER.IF_FILES),
      early: cond('early', CONDITION_ORDER.NODE),
      middle: cond('middle', CONDITION_ORDER.ONLY_OS),
    },
  });
  const result = await createExecutor({ plugins: [plugin] }).runStage('s', [
    inline('f', 'stages:\n  s:\n    - {late: no, middle: no, early: yes}\n    - {late: yes, early: yes}\n'),
  ]);
  assert.equal(asked, ['early', 'middle', 'early', 'late']);
  assert.is(stepOf(result, 'f.0').skipReason, 'middle said no');
  assert.is(stepOf(result, 'f.1').status, 'ok');
});

test('a yip key no plugin handles is a warning "no plugin handles" with its line; the step is still ok', async () => {
  const { logger, records } = recordingLogger();
  const result = await createExecutor({ plugins: [], logger }).runStage('s', [
    inline('f.yaml', 'stages:\n  s:\n    - name: x\n      hostname: box\n'),
  ]);
  assert.is(stepOf(result, 'f.yaml.x').status, 'ok');
  assert.ok(result.ok);
  const w = records.find((r) => r.level === 'warning' && r.message.includes('no plugin handles'));
  assert.ok(w, JSON.stringify(records));
  assert.match(w!.message, '`hostname`');
  assert.equal([w!.meta?.line, w!.meta?.col, w!.meta?.file, w!.meta?.stepId], [4, 7, 'f.yaml', 'f.yaml.x']);
});

test('a key declared as a plugin field is not an action and draws no warning', async () => {
  const { logger, records } = recordingLogger();
  const seen: unknown[] = [];
  const plugin = definePlugin({
    name: 'env',
    actions: {
      environment: yipAction('environment', { run: (_v, ctx) => void seen.push(ctx.step.spec.environment_file) }),
    },
    fields: { environment_file: yipSchema.actionSchemas.environment_file },
  });
  await createExecutor({ plugins: [plugin], logger }).runStage('s', [
    inline('f', 'stages:\n  s:\n    - environment: {A: "1"}\n      environment_file: /etc/env\n'),
  ]);
  assert.equal(seen, ['/etc/env']);
  assert.equal(
    records.filter((r) => r.level === 'warning'),
    [],
  );
});

test('conditionals and actions are evaluated when the step runs: they see what earlier steps did', async () => {
  const dir = await tmp.make();
  const made: string[] = [];
  const plugin = definePlugin({
    name: 'fs',
    conditions: {
      exists: defineCondition({
        schema: s.string(),
        order: CONDITION_ORDER.IF_FILES,
        check: async (p) =>
          (await access(p).then(
            () => true,
            () => false,
          ))
            ? undefined
            : `${p} is missing`,
      }),
    },
    actions: {
      touch: defineAction({
        schema: s.string(),
        order: ACTION_ORDER.FILES,
        run: async (p, ctx) => {
          const rendered = ctx.render(p);
          await writeFile(rendered, '');
          made.push(rendered);
        },
      }),
    },
    apply(hooks) {
      hooks.render.tap('fs', (text, ctx) => text.replace('{{step}}', ctx.step.name ?? ''));
    },
  });
  const a = join(dir, 'a');
  const text = `stages:\n  s:\n    - name: first\n      touch: ${dir}/a\n    - name: second\n      exists: ${a}\n      touch: ${dir}/{{step}}\n    - name: never\n      exists: ${dir}/zzz\n      touch: ${dir}/{{step}}\n`;
  const result = await createExecutor({ plugins: [plugin] }).runStage('s', [inline('f', text)]);
  assert.is(stepOf(result, 'f.second').status, 'ok', JSON.stringify(stepOf(result, 'f.second').errors.map((e) => e.message)));
  assert.is(stepOf(result, 'f.never').status, 'skipped');
  assert.equal(made, [a, join(dir, 'second')]);
});

test('the JSON Schema of a composition lists only the keys its plugins handle, for both layouts', () => {
  const extra = definePlugin({
    name: 'extra',
    actions: { extra_key: defineAction({ schema: s.list(s.string()), order: 1, run: () => {} }) },
  });
  const cmds = definePlugin({
    name: 'cmds',
    actions: { commands: defineAction({ schema: yipSchema.actionSchemas.commands, order: 700, run: () => {} }) },
  });
  const schemaOf = (plugins: Plugin[]) => {
    const json = createExecutor({ plugins }).jsonSchema();
    const [yip, cloud] = json.anyOf as [JSONSchema, JSONSchema];
    const step = (yip.properties!.stages!.additionalProperties as JSONSchema).items!;
    return { json, step: Object.keys(step.properties!), cloud: Object.keys(cloud.properties!) };
  };
  const one = schemaOf([extra]);
  assert.is(one.json.$id, CONFIG_SCHEMA_ID);
  assert.equal(one.step, ['name', 'after', 'extra_key']);
  assert.equal(one.cloud, ['name', 'stages']);
  const two = schemaOf([extra, cmds]);
  assert.equal(two.step, ['name', 'after', 'commands', 'extra_key']);
  assert.equal(two.cloud, ['name', 'stages', 'runcmd']);
});

test.run();
