/** Plan mode: each action's `plan` instead of its `run`, conditionals and templates as in a real run. */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import {
  ACTION_ORDER,
  CONDITION_ORDER,
  createExecutor,
  defineAction,
  defineCondition,
  definePlugin,
  fileChange,
  recordChanges,
  s,
} from '../src/index.js';
import type { Change, Plugin } from '../src/index.js';
import { inline, stepOf } from './helpers.js';

const test = suite('core: plan mode');

/** `write: text` records its runs; its plan says it would write the rendered text. */
function writer(runs: string[]): Plugin {
  return definePlugin({
    name: 'writer',
    actions: {
      write: defineAction({
        schema: s.string(),
        order: ACTION_ORDER.FILES,
        run: (text, ctx) => void runs.push(ctx.render(text)),
        plan: (text, ctx) => [{ kind: 'file', action: 'create', path: '/out', after: ctx.render(text) }],
      }),
      // A third-party key without a plan.
      shout: defineAction({ schema: s.string(), order: ACTION_ORDER.COMMANDS, run: (text) => void runs.push(text.toUpperCase()) }),
    },
    conditions: {
      only_if_yes: defineCondition({
        schema: s.string(),
        order: CONDITION_ORDER.IF,
        check: (v) => (v === 'yes' ? undefined : `said ${v}`),
      }),
      depends: defineCondition({
        schema: s.string(),
        order: CONDITION_ORDER.IF + 1,
        check: (v, ctx) => {
          recordChanges(ctx, [{ kind: 'condition', text: `depends on ${v}` }]);
          return undefined;
        },
      }),
    },
    apply(hooks) {
      hooks.render.tap('writer', (text) => text.replace('{{name}}', 'world'));
    },
  });
}

const config = `
name: p
stages:
  s:
    - name: a
      shout: hey
      write: "hello {{name}}"
    - name: b
      only_if_yes: "no"
      write: skipped
    - name: c
      depends: the weather
      write: x
`;

test('plan is called instead of run, rendered as a real run; a key without plan says it would run', async () => {
  const runs: string[] = [];
  const executor = createExecutor({ plugins: [writer(runs)] });
  const result = await executor.runStage('s', [inline('p.yaml', config)], { plan: { runConditions: false, fetch: false } });
  assert.equal(runs, [], 'nothing ran');
  assert.ok(result.ok);
  assert.equal(stepOf(result, 'p.a').changes, [
    { kind: 'file', action: 'create', path: '/out', after: 'hello world' },
    { kind: 'note', text: 'would run `shout`' },
  ]);
  assert.is(stepOf(result, 'p.b').status, 'skipped');
  assert.equal(stepOf(result, 'p.b').changes, []);
  assert.equal(
    stepOf(result, 'p.c').changes?.map((c) => c.kind),
    ['condition', 'file'],
  );
});

test('a real run has no changes and runs the actions', async () => {
  const runs: string[] = [];
  const result = await createExecutor({ plugins: [writer(runs)] }).runStage('s', [inline('p.yaml', config)]);
  assert.equal(runs, ['hello world', 'HEY', 'x']);
  assert.is(stepOf(result, 'p.a').changes, undefined);
});

test('a plan that throws fails its step, with the plugin and hook, and the other steps are planned', async () => {
  const failing = definePlugin({
    name: 'failing',
    actions: { boom: defineAction({ schema: s.string(), order: 1, run: () => {}, plan: () => Promise.reject(new Error('cannot tell')) }) },
  });
  const result = await createExecutor({ plugins: [failing, writer([])] }).runStage(
    's',
    [inline('f.yaml', 'name: f\nstages:\n  s:\n    - boom: x\n    - write: y\n')],
    {
      plan: { runConditions: false, fetch: false },
    },
  );
  assert.not.ok(result.ok);
  const error = stepOf(result, 'f.0').errors[0]!;
  assert.match(error.message, 'cannot tell');
  assert.is(error.hook, 'action:boom');
  assert.equal(stepOf(result, 'f.1').changes?.length, 1);
});

test('fileChange: nothing when equal; mode and content changes; binary content', () => {
  const content = Buffer.from('a\n');
  assert.equal(
    fileChange({ exists: true, content, mode: 0o100644, uid: 0, gid: 0 }, { path: '/f', content: 'a\n', mode: 0o644, uid: 0, gid: 0 }),
    [],
  );
  const [mode] = fileChange({ exists: true, content, mode: 0o644, uid: 0, gid: 0 }, { path: '/f', content: 'a\n', mode: 0o600 }) as [
    Change,
  ];
  assert.equal(mode, { kind: 'file', action: 'modify', path: '/f', from: { mode: 0o644, uid: 0, gid: 0 }, to: { mode: 0o600 } });
  const [text] = fileChange({ exists: true, content, mode: 0o644 }, { path: '/f', content: 'b\n' }) as [Change];
  assert.equal(text, { kind: 'file', action: 'modify', path: '/f', before: 'a\n', after: 'b\n', from: { mode: 0o644 }, to: {} });
  const [binary] = fileChange({ exists: false }, { path: '/f', content: Buffer.from([0, 255]) }) as [Change];
  assert.equal(binary, { kind: 'file', action: 'create', path: '/f', binary: true, to: {} });
});

test.run();
