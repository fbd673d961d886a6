// The preset's plugins, made with checked options: names that no plugin has, options a plugin
// does not take, and the shared command timeout.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createExecutor, PluginOptionsError } from '@yipts/core';
import { PRESET, PRESET_NAMES, presetPlugins } from '../src/index.js';

function failure(make: () => unknown): PluginOptionsError {
  try {
    make();
  } catch (error) {
    assert.instance(error, PluginOptionsError);
    return error as PluginOptionsError;
  }
  throw new Error('accepted');
}

test('every plugin of the preset, each with an options schema, composes into one executor', () => {
  const plugins = presetPlugins();
  assert.equal(
    plugins.map((p) => p.name),
    [...PRESET_NAMES],
  );
  for (const entry of PRESET) assert.type(entry.schema.shape, 'object', entry.name);
  const executor = createExecutor({ plugins });
  assert.is(executor.keys.get('files'), 'files');
  assert.is(executor.keys.get('unpack_images'), 'unpack-images');
});

test('disable leaves plugins out; a name no plugin has is an error with the nearest name', () => {
  assert.not.ok(presetPlugins({ disable: ['downloads', 'mount'] }).some((p) => p.name === 'downloads' || p.name === 'mount'));
  const typo = failure(() => presetPlugins({ disable: ['downlods'], origin: '/etc/yipts/yip.config.yaml' }));
  assert.is(typo.message, '/etc/yipts/yip.config.yaml: disable: no plugin is named `downlods`; did you mean `downloads`?');
  const misspelt = failure(() => presetPlugins({ plugins: { 'authorised-keys': {} } }));
  assert.match(misspelt.message, /^pluginOptions: no plugin is named `authorised-keys`; did you mean `authorized-keys`\?/);
  assert.match(failure(() => presetPlugins({ disable: ['qqqqqqqqqq'] })).message, /no plugin is named `qqqqqqqqqq` \(plugins: templates, /);
});

test("each plugin's options are checked before it is made: the plugin, the option and the file are named", () => {
  const origin = '/srv/yip.config.yaml';
  const cases: Array<[Record<string, unknown>, RegExp]> = [
    [{ mount: { lables: {} } }, /^\/srv\/yip\.config\.yaml: plugin "mount": unknown option `lables`; did you mean `labels`\?$/],
    [{ mount: { extraMounts: [{ source: '/dev/sdb1' }] } }, /plugin "mount": option `extraMounts`: missing required key `target`/],
    [{ packages: { manager: 'portage' } }, /plugin "packages": option `manager`: expected one of apt, .*found `portage`/],
    [{ 'authorized-keys': { fetchTimeoutMs: 'fast' } }, /plugin "authorized-keys": option `fetchTimeoutMs`: expected an integer/],
    [{ files: { anything: 1 } }, /plugin "files": unknown option `anything` \(it takes none\)/],
    [{ git: { tool: 'chroot' } }, /plugin "git": option `tool`: expected one of auto, host, root/],
  ];
  for (const [plugins, message] of cases) assert.match(failure(() => presetPlugins({ plugins, origin })).message, message);
  const e = failure(() => presetPlugins({ plugins: { sysctl: { live: 'perhaps' } } }));
  assert.is(e.plugin, 'sysctl');
  assert.is(e.option, 'live');
  const good = { mount: { labels: {}, resolvConf: false, cmdline: '/tmp/c' }, downloads: { retries: 0 }, layout: { labelInRoot: true } };
  assert.is(presetPlugins({ plugins: good }).length, PRESET.length);
});

test('a disabled plugin still has its options checked: a typo there is no less a typo', () => {
  const disabled = failure(() => presetPlugins({ disable: ['git'], plugins: { git: { tol: 'host' } } }));
  assert.match(disabled.message, /unknown option `tol`; did you mean `tool`\?/);
});

test.run();
