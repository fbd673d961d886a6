/** Composing plugins: names and keys must not clash; plugin keys join the step schema. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ACTION_ORDER, CompositionError, createExecutor, defineAction, defineCondition, definePlugin, s, yipSchema } from '../src/index.js';
import type { Plugin, Schema } from '../src/index.js';
import { diagnosticsOf, inline, stepOf } from './helpers.js';

const action = (schema: Schema<unknown> = s.string()) => defineAction({ schema, order: ACTION_ORDER.COMMANDS, run: () => {} });

function compositionError(plugins: Plugin[]): CompositionError {
  try {
    createExecutor({ plugins });
  } catch (e) {
    assert.instance(e, CompositionError);
    return e as CompositionError;
  }
  return assert.unreachable('createExecutor should throw') as never;
}

test('two plugins claiming one key is a CompositionError naming both and the key', () => {
  const e = compositionError([
    definePlugin({ name: 'first', actions: { files: action(yipSchema.actionSchemas.files) } }),
    definePlugin({ name: 'second', actions: { files: action(yipSchema.actionSchemas.files) } }),
  ]);
  assert.match(e.message, '"first"');
  assert.match(e.message, '"second"');
  assert.match(e.message, '`files`');
});

test('an action key and a condition or field of another plugin clash too', () => {
  assert.match(
    compositionError([definePlugin({ name: 'a', actions: { x: action() } }), definePlugin({ name: 'b', fields: { x: s.string() } })])
      .message,
    '`x`',
  );
  assert.match(
    compositionError([
      definePlugin({ name: 'a', conditions: { if: defineCondition({ schema: s.string(), order: 1, check: () => undefined }) } }),
      definePlugin({ name: 'b', conditions: { if: defineCondition({ schema: s.string(), order: 2, check: () => undefined }) } }),
    ]).message,
    '`if`',
  );
});

test('engine keys (name, after) cannot be claimed', () => {
  assert.match(compositionError([definePlugin({ name: 'greedy', actions: { after: action() } })]).message, 'belongs to the engine');
  assert.match(compositionError([definePlugin({ name: 'greedy', fields: { name: s.string() } })]).message, '`name`');
});

test('a plugin given twice, or without a name, is refused', () => {
  const p = definePlugin({ name: 'twice' });
  assert.match(compositionError([p, p]).message, '"twice" is given twice');
  assert.match(compositionError([{ name: '' } as Plugin]).message, 'no name');
});

test('executor.keys maps every handled key to its plugin; apply is called once, at creation', () => {
  let applied = 0;
  const executor = createExecutor({
    plugins: [
      definePlugin({ name: 'one', actions: { files: action(yipSchema.actionSchemas.files) }, fields: { environment_file: s.string() } }),
      definePlugin({
        name: 'two',
        conditions: { node: defineCondition({ schema: s.string(), order: 1, check: () => undefined }) },
        apply: () => void applied++,
      }),
    ],
  });
  assert.equal(
    [...executor.keys],
    [
      ['files', 'one'],
      ['environment_file', 'one'],
      ['node', 'two'],
    ],
  );
  assert.is(applied, 1);
  assert.equal(
    executor.plugins.map((p) => p.name),
    ['one', 'two'],
  );
});

test("a plugin's own key is validated by its schema and suggested for typos", async () => {
  const seen: unknown[] = [];
  const plugin = definePlugin({
    name: 'kv',
    actions: { key_values: defineAction({ schema: s.record(s.integer()), order: ACTION_ORDER.COMMANDS, run: (v) => void seen.push(v) }) },
  });
  const result = await createExecutor({ plugins: [plugin] }).runStage('s', [
    inline('f', 'stages:\n  s:\n    - key_values: {a: 1}\n    - key_values: {a: x}\n    - key_vaules: {a: 2}\n'),
  ]);
  assert.equal(seen, [{ a: 1 }]);
  assert.is(stepOf(result, 'f.1').status, 'failed');
  assert.match(stepOf(result, 'f.1').errors[0]!.message, 'expected an integer');
  const w = diagnosticsOf(result).find((d) => d.code === 'unknown-key');
  assert.match(w!.message, 'did you mean `key_values`?');
});

test('a plugin may replace the schema of a yip key (e.g. to accept more fields)', async () => {
  const seen: unknown[] = [];
  const plugin = definePlugin({
    name: 'hostname2',
    actions: {
      hostname: defineAction({
        schema: s.object({ name: s.string(), persist: s.boolean() }),
        order: ACTION_ORDER.HOSTNAME,
        run: (v) => void seen.push(v),
      }),
    },
  });
  const result = await createExecutor({ plugins: [plugin] }).runStage('s', [
    inline('f', 'stages:\n  s:\n    - hostname: {name: box, persist: yes}\n'),
  ]);
  assert.ok(result.ok);
  assert.equal(seen, [{ name: 'box', persist: true }]);
});

test('executors do not share hooks: a plugin tapped into one does not run in another', async () => {
  const calls: string[] = [];
  const p = definePlugin({ name: 'p', actions: { x: defineAction({ schema: s.string(), order: 1, run: (v) => void calls.push(v) }) } });
  const a = createExecutor({ plugins: [p] });
  const b = createExecutor({ plugins: [] });
  await b.runStage('s', [inline('f', 'stages: {s: [{x: b}]}')]);
  await a.runStage('s', [inline('f', 'stages: {s: [{x: a}]}')]);
  assert.equal(calls, ['a']);
});

test.run();
