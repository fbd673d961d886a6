/** `ctx.perform`: a plugin asks for the effect of a key another plugin owns, through that plugin's action. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ACTION_ORDER, createExecutor, defineAction, definePlugin, s, yipSchema } from '../src/index.js';
import type { ActionContext, Plugin } from '../src/index.js';
import { inline, recordingLogger, stepOf } from './helpers.js';

interface Seen {
  readonly value: unknown;
  readonly key: string;
  readonly stepId: string;
  readonly spec: Readonly<Record<string, unknown>>;
  readonly rendered: string;
}

/** Owns `hostname`: records what it is given, and fails for `bad` (thrown) or `half` (reported). */
function namer(seen: Seen[]): Plugin {
  return definePlugin({
    name: 'namer',
    actions: {
      hostname: defineAction({
        schema: yipSchema.actionSchemas.hostname,
        order: ACTION_ORDER.HOSTNAME,
        run: (name, ctx) => {
          seen.push({ value: name, key: ctx.key, stepId: ctx.step.id, spec: ctx.step.spec, rendered: ctx.render(name) });
          if (name === 'bad') throw new Error('bad is no name');
          if (name === 'half') ctx.report(new Error('half a name'));
        },
      }),
    },
  });
}

/** Owns `provision: NAME`: asks for `hostname: NAME`, then notes what perform answered. */
function provisioner(answers: boolean[], value: (name: string) => unknown = (name) => name): Plugin {
  return definePlugin({
    name: 'provisioner',
    actions: {
      provision: defineAction({
        schema: s.string(),
        order: ACTION_ORDER.DATASOURCE,
        run: async (name, ctx) => {
          answers.push(await ctx.perform('hostname', value(name) as string));
        },
      }),
    },
  });
}

/** Templates that turn `{{x}}` into `X`, to see whether a performed value is rendered. */
const upper: Plugin = definePlugin({ name: 'upper', apply: (hooks) => hooks.render.tap('upper', (text) => text.replaceAll('{{x}}', 'X')) });

const config = (name: string) => `stages:\n  s:\n    - name: box\n      provision: "${name}"\n`;

test('a step performs a key another plugin owns: the owner runs it for the step, with that value only', async () => {
  const seen: Seen[] = [];
  const answers: boolean[] = [];
  const executor = createExecutor({ plugins: [namer(seen), provisioner(answers), upper] });
  const result = await executor.runStage('s', [inline('f.yaml', config('node-{{x}}'))]);
  assert.ok(result.ok);
  assert.equal(answers, [true]);
  const expected = { value: 'node-{{x}}', key: 'hostname', stepId: 'f.yaml.box', spec: { hostname: 'node-{{x}}' }, rendered: 'node-{{x}}' };
  assert.equal(seen, [expected], 'a performed value is not rendered');
});

test("the owner's log records carry the owner's name, the step and the file", async () => {
  const { logger, records } = recordingLogger();
  const hostname = defineAction({ schema: s.string(), order: 1, run: (v, ctx) => ctx.logger.log('info', `named ${v}`) });
  const talker = definePlugin({ name: 'talker', actions: { hostname } });
  await createExecutor({ plugins: [talker, provisioner([])], logger }).runStage('s', [inline('f.yaml', config('a'))]);
  const record = records.find((r) => r.message === 'named a');
  assert.equal([record?.meta?.plugin, record?.meta?.stepId, record?.meta?.file], ['talker', 'f.yaml.box', 'f.yaml']);
});

test('with the owner absent, perform warns "no plugin handles" at the calling key and resolves false', async () => {
  const { logger, records } = recordingLogger();
  const answers: boolean[] = [];
  const result = await createExecutor({ plugins: [provisioner(answers)], logger }).runStage('s', [inline('f.yaml', config('a'))]);
  assert.ok(result.ok, 'a warning, not an error');
  assert.equal(answers, [false]);
  const warnings = records.filter((r) => r.level === 'warning');
  const expected = [['no plugin handles `hostname`; it is ignored', 'f.yaml', 'f.yaml.box']];
  assert.equal(
    warnings.map((w) => [w.message, w.meta?.file, w.meta?.stepId]),
    expected,
  );
});

test("an error thrown or reported inside the performed key is the owner's, at `action:<key>`, for the calling step", async () => {
  for (const [name, reason] of [
    ['bad', 'bad is no name'],
    ['half', 'half a name'],
  ] as const) {
    const seen: Seen[] = [];
    const answers: boolean[] = [];
    const result = await createExecutor({ plugins: [namer(seen), provisioner(answers)] }).runStage('s', [inline('f.yaml', config(name))]);
    const step = stepOf(result, 'f.yaml.box');
    assert.is(step.status, 'failed');
    assert.equal(answers, [false], 'perform resolves, the caller goes on');
    const expected = [['namer', 'action:hostname', 'f.yaml', 'f.yaml.box', reason]];
    assert.equal(
      step.errors.map((e) => [e.plugin, e.hook, e.file, e.stepId, e.reason]),
      expected,
    );
    assert.instance(step.errors[0]!.cause, Error);
  }
});

test("a value the key's schema refuses is the caller's error and never reaches the owner", async () => {
  const seen: Seen[] = [];
  const answers: boolean[] = [];
  const executor = createExecutor({ plugins: [namer(seen), provisioner(answers, () => ({ not: 'a string' }))] });
  const result = await executor.runStage('s', [inline('f.yaml', config('a'))]);
  const step = stepOf(result, 'f.yaml.box');
  assert.equal(seen, []);
  assert.equal(answers, [false]);
  assert.equal(
    step.errors.map((e) => [e.plugin, e.hook]),
    [['provisioner', 'action:provision']],
  );
  assert.match(step.errors[0]!.reason, 'perform(`hostname`): expected a string, found mapping');
});

test('a key performing itself, directly or through another key, is refused instead of recursing', async () => {
  const answers: string[] = [];
  const asking = (self: string, other: string) => async (v: string, ctx: ActionContext) =>
    void answers.push(`${self} ${await ctx.perform(other, v)}`);
  const pingPong = definePlugin({
    name: 'ping-pong',
    actions: {
      ping: defineAction({ schema: s.string(), order: 1, run: asking('ping', 'pong') }),
      pong: defineAction({ schema: s.string(), order: 2, run: asking('pong', 'ping') }),
    },
  });
  const result = await createExecutor({ plugins: [pingPong] }).runStage('s', [inline('f', 'stages:\n  s:\n    - ping: x\n')]);
  const step = stepOf(result, 'f.0');
  assert.equal(answers, ['pong false', 'ping false']);
  const refusal = 'perform(`ping`): `ping` is already being performed by this step';
  assert.equal(
    step.errors.map((e) => [e.plugin, e.hook, e.reason]),
    [['ping-pong', 'action:pong', refusal]],
  );
});

test("perform is typed by the key: yip keys take their schema's type, other keys anything", () => {
  const typed = async (ctx: ActionContext) => {
    await ctx.perform('authorized_keys', { alice: ['ssh-ed25519 AAAA alice'] });
    await ctx.perform('hostname', 'box');
    await ctx.perform('motd', { any: 'thing' });
    // @ts-expect-error a host name is a string
    await ctx.perform('hostname', 42);
    // @ts-expect-error authorized_keys maps users to lists of keys
    await ctx.perform('authorized_keys', { alice: 'ssh-ed25519 AAAA alice' });
  };
  assert.type(typed, 'function');
});

test.run();
