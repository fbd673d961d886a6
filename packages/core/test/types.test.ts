/**
 * Type-level tests of the plugin API, checked by `pnpm typecheck`: every `@ts-expect-error`
 * below must be an error (an unused one fails the type check), and the positive cases must
 * compile. The runtime part only checks that the definitions are what they claim.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  ACTION_ORDER,
  CONDITION_ORDER,
  createExecutor,
  defineAction,
  defineCondition,
  definePlugin,
  LIFECYCLE_STAGE,
  s,
  type yipSchema,
} from '../src/index.js';
import type {
  ActionContext,
  FileSpec,
  Hooks,
  Infer,
  Plugin,
  PluginImpl,
  RunContext,
  Schema,
  SkipReason,
  StepContext,
  StepResult,
} from '../src/index.js';

/** `true` only when A and B are the same type (not merely assignable either way). */
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
function expectType<T extends true>(_proof?: T): void {}

// ---- Schemas give their types ----------------------------------------------------------------

const motd = s.object({
  message: s.string(),
  path: s.string(),
  mode: s.mode(),
  lines: s.list(s.string()),
  tags: s.record(s.integer()),
  loud: s.boolean(),
});
expectType<
  Equal<
    Infer<typeof motd>,
    { message?: string; path?: string; mode?: number; lines?: string[]; tags?: Record<string, number>; loud?: boolean }
  >
>();
expectType<Equal<Infer<ReturnType<typeof s.enumOf<'systemd' | 'openrc'>>>, 'systemd' | 'openrc'>>();
const level = s.enumOf(['low', 'high']);
expectType<Equal<Infer<typeof level>, 'low' | 'high'>>();
expectType<Equal<Infer<typeof yipSchema.actionSchemas.files>, FileSpec[]>>();
expectType<Equal<Infer<typeof yipSchema.actionSchemas.commands>, string[]>>();
expectType<Equal<Infer<typeof yipSchema.conditionSchemas.if_files>, { any?: string[]; all?: string[]; none?: string[] }>>();

// ---- Positive cases: these compile ------------------------------------------------------------

const motdAction = defineAction({
  schema: motd,
  order: ACTION_ORDER.FILES + 50,
  run: async (value, ctx) => {
    // The value is typed by the schema: every field optional, as in yip.
    expectType<Equal<typeof value.message, string | undefined>>();
    expectType<Equal<typeof ctx, ActionContext>>();
    const key: string = ctx.key;
    const root: string = ctx.run.options.root;
    const rendered: string = ctx.render(value.message ?? '');
    ctx.report(new Error(`${key} ${root} ${rendered}`));
  },
});
expectType<Equal<typeof motdAction.schema, Schema<Infer<typeof motd>>>>();

const onlyWeekdays = defineCondition({
  schema: s.list(s.string()),
  order: CONDITION_ORDER.IF_FILES + 10,
  check: (days, ctx) => (days.includes(ctx.stage) ? undefined : `not on ${ctx.stage}`),
});

const full = definePlugin({
  name: 'full',
  actions: { motd: motdAction },
  conditions: { only_weekdays: onlyWeekdays },
  fields: { motd_mode: s.mode() },
  apply(hooks) {
    hooks.beforeRun.tapPromise({ name: 'full', stage: LIFECYCLE_STAGE.PREPARE_ROOT }, async (run) => {
      run.state.set(Symbol.for('full'), run.options.root);
    });
    hooks.stepStart.tap('full', (ctx) => {
      expectType<Equal<typeof ctx, StepContext>>();
    });
    hooks.checkStep.tapPromise('full', async (ctx): Promise<SkipReason> => (ctx.step.id.startsWith('skip') ? 'named skip' : undefined));
    hooks.stepEnd.tap('full', (ctx, result) => {
      expectType<Equal<typeof result, StepResult>>();
      ctx.logger.log('debug', `${result.id} ${result.status}`);
    });
    hooks.render.tap('full', (text) => text.trim());
    hooks.action.for('motd').tap('full', (ctx) => void ctx.key);
    hooks.afterRun.tap({ name: 'full', stage: LIFECYCLE_STAGE.RELEASE_ROOT }, (run, result) => {
      const ok: boolean = result.ok;
      run.logger.log('info', String(ok));
    });
  },
});

interface GreetOptions {
  readonly greeting?: string;
}
const greet: PluginImpl<GreetOptions> = (options = {}) =>
  definePlugin({
    name: 'greet',
    actions: {
      greet: defineAction({
        schema: s.string(),
        order: ACTION_ORDER.COMMANDS + 1,
        run: (who, ctx) => ctx.logger.log('info', `${options.greeting ?? 'hello'} ${who}`),
      }),
    },
  });
const plugins: Plugin[] = [full, greet(), greet({ greeting: 'hi' })];

// ---- Negative cases: each line under a directive must be a type error ----------------------

function negativeCases(hooks: Hooks): void {
  // A plugin must have a name.
  // @ts-expect-error -- property 'name' is missing
  definePlugin({ actions: {} });

  // The handler's value type must be the schema's: a list of strings is not a number.
  // @ts-expect-error -- string[] is not assignable to number
  defineAction({ schema: s.list(s.string()), order: 1, run: (value: number) => void value });

  // Nor may a handler claim a field its schema does not have.
  // @ts-expect-error -- 'banner' does not exist on the inferred type
  defineAction({ schema: motd, order: 1, run: (value) => void value.banner });

  // A condition returns a reason or undefined, not a boolean.
  // @ts-expect-error -- boolean is not assignable to SkipReason
  defineCondition({ schema: s.string(), order: 1, check: (value: string) => value === 'yes' });

  // `order` is a number: a key name is not a place in the order.
  // @ts-expect-error -- string is not assignable to number
  defineAction({ schema: s.string(), order: 'after files', run: () => {} });

  // A tap gets the hook's own context: stepStart passes a StepContext, not a RunContext.
  // @ts-expect-error -- StepContext lacks `options` and `state`
  hooks.stepStart.tap('wrong', (ctx: RunContext) => void ctx.options);

  // One more argument than the hook passes.
  // @ts-expect-error -- stepEnd passes (step, result), nothing third
  hooks.stepEnd.tapPromise('wrong', async (_step: StepContext, _result: StepResult, _extra: string) => {});

  // A bail hook's taps return a skip reason: a number is not one.
  // @ts-expect-error -- Promise<number> is not assignable to Promise<SkipReason>
  hooks.checkStep.tapPromise('wrong', async () => 42);

  // A waterfall tap must return the text.
  // @ts-expect-error -- void is not assignable to string
  hooks.render.tap('wrong', (text: string) => void text);

  // Hooks that do not exist.
  // @ts-expect-error -- there is no `stepBegin` hook
  hooks.stepBegin.tap('wrong', () => {});

  // Hooks are frozen: a plugin cannot swap one.
  // @ts-expect-error -- read-only property
  hooks.render = hooks.stepError as never; // a different hook: the assignment itself must not compile

  // `required` keys are present in the value's type; the others stay optional.
  const withRequired = s.object({ text: s.string(), level: s.integer() }, { required: ['text'] });
  const given: Infer<typeof withRequired> = { text: 'x' };
  const text: string = given.text;
  void text;
  // @ts-expect-error -- `level` is optional: number | undefined is not number
  const level: number = given.level;
  void level;
  // @ts-expect-error -- property 'text' is missing
  const missing: Infer<typeof withRequired> = {};
  void missing;
  // @ts-expect-error -- only keys of the shape can be required
  s.object({ text: s.string() }, { required: ['other'] });

  // Executor options need the plugins.
  // @ts-expect-error -- property 'plugins' is missing
  createExecutor({});

  // PluginImpl options are typed.
  // @ts-expect-error -- number is not assignable to string
  greet({ greeting: 42 });
}

test('the definitions used above are what they claim at run time', () => {
  assert.is(full.name, 'full');
  assert.is(motdAction.order, ACTION_ORDER.FILES + 50);
  assert.is(onlyWeekdays.order, CONDITION_ORDER.IF_FILES + 10);
  assert.equal(
    plugins.map((p) => p.name),
    ['full', 'greet', 'greet'],
  );
  assert.ok(Object.isFrozen(motdAction));
  assert.type(negativeCases, 'function');
  const executor = createExecutor({ plugins: [full, greet()] });
  assert.equal(
    [...executor.keys],
    [
      ['motd', 'full'],
      ['only_weekdays', 'full'],
      ['motd_mode', 'full'],
      ['greet', 'greet'],
    ],
  );
});

test.run();
