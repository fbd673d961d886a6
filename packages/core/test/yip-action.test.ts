// yipAction(s): a yip key's action gets yip's schema and place in the order; NO_OPTIONS refuses any option.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ACTION_ORDER, checkPluginOptions, NO_OPTIONS, PluginOptionsError, yipAction, yipActions, yipSchema } from '../src/index.js';
import type { YipOrderedKey } from '../src/index.js';

const ORDERED_KEYS = Object.keys(yipSchema.actionSchemas).filter((k) => k !== 'environment_file') as YipOrderedKey[];

test('every yip action key gets its schema from actionSchemas and its order from ACTION_ORDER', () => {
  assert.is(ORDERED_KEYS.length, Object.keys(ACTION_ORDER).length);
  for (const key of ORDERED_KEYS) {
    const action = yipAction(key, { run: () => {} });
    assert.is(action.schema, yipSchema.actionSchemas[key], `${key}: schema`);
    assert.is(action.order, ACTION_ORDER[key.toUpperCase() as keyof typeof ACTION_ORDER], `${key}: order`);
  }
});

test('the handlers are kept as given, and the action is frozen', () => {
  const run = () => {};
  const plan = () => [];
  const action = yipAction('hostname', { run, plan });
  assert.is(action.run, run);
  assert.is(action.plan, plan);
  assert.ok(Object.isFrozen(action));
});

test("a handler must take the key's value type", () => {
  // @ts-expect-error `hostname` is a string, not a number
  const action = yipAction('hostname', { run: (value: number) => void value });
  assert.is(action.order, ACTION_ORDER.HOSTNAME);
  // @ts-expect-error `environment_file` only modifies `environment`: it has no action
  assert.throws(() => yipAction('environment_file', { run: () => {} }).order.toFixed());
});

test('yipActions makes the action of each key given, as yipAction does, and nothing else', () => {
  const runHostname = () => {};
  const planFiles = () => [];
  const actions = yipActions({ hostname: { run: runHostname }, files: { run: () => {}, plan: planFiles } });
  assert.equal(Object.keys(actions).sort(), ['files', 'hostname']);
  assert.is(actions.hostname.run, runHostname);
  assert.is(actions.hostname.schema, yipSchema.actionSchemas.hostname);
  assert.is(actions.hostname.order, ACTION_ORDER.HOSTNAME);
  assert.is(actions.files.plan, planFiles);
  assert.is(actions.files.order, ACTION_ORDER.FILES);
  assert.ok(Object.isFrozen(actions) && Object.isFrozen(actions.files));
});

test("yipActions types each handler by its own key's value and refuses keys yip does not have", () => {
  const actions = yipActions({
    // @ts-expect-error `hostname` is a string, not a number
    hostname: { run: (value: number) => void value },
    dns: { run: (value) => void value.nameservers },
  });
  assert.is(actions.dns.order, ACTION_ORDER.DNS);
  // @ts-expect-error `hostnam` is no key of yip's
  assert.throws(() => yipActions({ hostnam: { run: () => {} } }).hostnam.order.toFixed());
});

test('NO_OPTIONS accepts none and an empty mapping, and refuses any option', () => {
  checkPluginOptions('quiet', NO_OPTIONS, undefined);
  checkPluginOptions('quiet', NO_OPTIONS, {});
  assert.throws(
    () => checkPluginOptions('quiet', NO_OPTIONS, { verbose: true }),
    (e: unknown) => e instanceof PluginOptionsError,
  );
});

test.run();
