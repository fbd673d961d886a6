/** Error origins, locations and log levels: what a user reads when something fails. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { flattenErrors, formatLocation, messageOf, parseLogLevel, toYiptsError, withMeta, YiptsError } from '../src/index.js';
import { recordingLogger } from './helpers.js';

test('YiptsError: the message says plugin and hook; the reason is kept alone', () => {
  const e = new YiptsError('disk full', { plugin: 'files', hook: 'action:files', file: '/oem/a.yaml', stepId: 'a.0' });
  assert.is(e.message, '[files] action:files: disk full');
  assert.is(e.reason, 'disk full');
  assert.is(e.name, 'YiptsError');
  assert.is(new YiptsError('plain').message, 'plain');
});

test('withOrigin fills what is unknown and never overwrites what the error already says', () => {
  const inner = new YiptsError('x', { plugin: 'inner', line: 3 }, { cause: 'root cause' });
  const outer = inner.withOrigin({ plugin: 'outer', hook: 'h', file: 'f', line: 9, stepId: 's' });
  assert.equal([outer.plugin, outer.hook, outer.file, outer.line, outer.stepId, outer.cause], ['inner', 'h', 'f', 3, 's', 'root cause']);
});

test('toYiptsError keeps the thrown value as cause', () => {
  const original = new RangeError('bad');
  const e = toYiptsError(original, { plugin: 'p' });
  assert.is(e.cause, original);
  assert.is(e.reason, 'bad');
  assert.is(toYiptsError(42, {}).reason, '42');
  assert.is(messageOf(undefined), 'undefined');
});

test('flattenErrors opens nested AggregateErrors', () => {
  const a = new Error('a');
  const b = new Error('b');
  const c = new Error('c');
  assert.equal(flattenErrors(new AggregateError([a, new AggregateError([b, c])])), [a, b, c]);
  assert.equal(flattenErrors(a), [a]);
});

test('formatLocation prints file:line:col as far as known', () => {
  assert.is(formatLocation({ file: 'a.yaml', line: 3, col: 7 }), 'a.yaml:3:7');
  assert.is(formatLocation({ file: 'a.yaml', line: 3 }), 'a.yaml:3');
  assert.is(formatLocation({ file: 'a.yaml' }), 'a.yaml');
});

test('parseLogLevel reads LOGLEVEL values, `warn` too, and falls back', () => {
  assert.is(parseLogLevel('DEBUG'), 'debug');
  assert.is(parseLogLevel('warn'), 'warning');
  assert.is(parseLogLevel('verbose'), 'info');
  assert.is(parseLogLevel(undefined, 'error'), 'error');
});

test("withMeta adds its fields to every record; a record's own fields win", () => {
  const { logger, records } = recordingLogger();
  const child = withMeta(logger, { file: 'f', stepId: 's' });
  child.log('info', 'one');
  child.log('error', 'two', { stepId: 'other', plugin: 'p' });
  assert.equal(records, [
    { level: 'info', message: 'one', meta: { file: 'f', stepId: 's' } },
    { level: 'error', message: 'two', meta: { file: 'f', stepId: 'other', plugin: 'p' } },
  ]);
});

test.run();
