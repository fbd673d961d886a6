// A plugin's options checked against its schema: unknown options with the nearest name, wrong
// values naming the option, the plugin and the file they came from.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { checkPluginOptions, PluginOptionsError, s } from '../src/index.js';

const schema = s.object({ timeoutMs: s.integer(), tool: s.enumOf(['auto', 'host'] as const), labels: s.record(s.string()) });

function failure(options: unknown, origin?: string): PluginOptionsError {
  try {
    checkPluginOptions('demo', schema, options, origin);
  } catch (error) {
    assert.instance(error, PluginOptionsError);
    return error as PluginOptionsError;
  }
  throw new Error('no error');
}

test('good options, none, and an empty mapping pass', () => {
  checkPluginOptions('demo', schema, { timeoutMs: 5000, tool: 'host', labels: { A: '/a' } });
  checkPluginOptions('demo', schema, undefined);
  checkPluginOptions('demo', schema, {});
});

test('an unknown option is an error with the nearest known one', () => {
  const e = failure({ timeotMs: 1 }, '/etc/yipts/yip.config.yaml');
  assert.is(e.plugin, 'demo');
  assert.is(e.option, 'timeotMs');
  assert.is(e.message, '/etc/yipts/yip.config.yaml: plugin "demo": unknown option `timeotMs`; did you mean `timeoutMs`?');
  assert.match(failure({ zzzzzzzz: 1 }).message, /unknown option `zzzzzzzz` \(known: timeoutMs, tool, labels\)/);
  assert.match(failure({ x: 1 }).message.replace(/\(known.*/, ''), /^plugin "demo": unknown option `x`/);
});

test('a wrong value names the option and says what was expected', () => {
  assert.is(failure({ timeoutMs: 'soon' }).message, 'plugin "demo": option `timeoutMs`: expected an integer, found string');
  assert.match(failure({ tool: 'chroot' }).message, /option `tool`: expected one of auto, host, found `chroot`/);
  assert.match(failure({ labels: ['a'] }).message, /option `labels`: expected a mapping/);
  assert.match(failure(['timeoutMs']).message, /plugin "demo": its options must be a mapping/);
});

test('a plugin without options takes none', () => {
  const none = s.object({});
  assert.throws(() => checkPluginOptions('quiet', none, { anything: true }), /plugin "quiet": unknown option `anything` \(it takes none\)/);
});

test.run();
