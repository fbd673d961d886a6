import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { yip } from '../helpers/cli.js';
import { removeTempDirs, tempDir, writeTree } from '../helpers/tmp.js';

const config = suite('executor configuration (cosmiconfig)');
config.after.each(removeTempDirs);

// A third-party plugin as a user would drop it next to the config: plain ESM, default-exported factory.
const GREETER = `
export default function greeter(options = {}) {
  return {
    name: 'greeter',
    actions: {
      greet: {
        schema: { kind: 'string', check: (n) => String(n.value), toJSONSchema: () => ({ type: 'string' }) },
        order: 650,
        run: async (who, ctx) => ctx.logger.log('warning', (options.greeting ?? 'hello') + ' ' + who),
      },
    },
  };
}
`;
const STAGE = (dir: string) => `stages:\n  default:\n    - greet: world\n      files: [{path: ${dir}/written, content: x}]\n`;

config('a plugin listed with options in .yiprc.yaml is loaded and runs beside the preset', async () => {
  const dir = tempDir();
  writeTree(dir, { 'greeter.mjs': GREETER, '.yiprc.yaml': 'plugins:\n  - [./greeter.mjs, { greeting: hi }]\n', 's.yaml': STAGE(dir) });
  const r = await yip(['s.yaml'], { cwd: dir });
  assert.is(r.code, 0, r.stderr);
  assert.match(r.stderr, /\[greeter\] hi world/);
  assert.ok(existsSync(join(dir, 'written')), 'preset plugins still run');
});

config('yip.config.mjs with preset: false: only the listed plugins, other keys warned about', async () => {
  const dir = tempDir();
  writeTree(dir, {
    'greeter.mjs': GREETER,
    'yip.config.mjs': 'export default { preset: false, plugins: [["./greeter.mjs", { greeting: "yo" }]] };\n',
    's.yaml': STAGE(dir),
  });
  const r = await yip(['s.yaml'], { cwd: dir });
  assert.is(r.code, 0, r.stderr);
  assert.match(r.stderr, /\[greeter\] yo world/);
  assert.match(r.stderr, /no plugin handles `files`; it is ignored/);
  assert.not.ok(existsSync(join(dir, 'written')));
});

config('--config FILE, and package.json#yip', async () => {
  const dir = tempDir();
  writeTree(dir, {
    'plugins/greeter.mjs': GREETER,
    'conf/exec.json': JSON.stringify({ plugins: [['../plugins/greeter.mjs', { greeting: 'json' }]] }),
    's.yaml': STAGE(dir),
  });
  const byFlag = await yip(['--config', 'conf/exec.json', 's.yaml'], { cwd: dir });
  assert.match(byFlag.stderr, /json world/, byFlag.stderr);
  writeTree(dir, { 'package.json': JSON.stringify({ name: 'x', yip: { plugins: [['./plugins/greeter.mjs', { greeting: 'pkg' }]] } }) });
  const byPackage = await yip(['s.yaml'], { cwd: dir });
  assert.match(byPackage.stderr, /pkg world/, byPackage.stderr);
});

config('a missing plugin, a throwing factory and a key claimed twice are clear errors', async () => {
  const dir = tempDir();
  writeTree(dir, { 'greeter.mjs': GREETER, 'bad.mjs': 'export default () => { throw new Error("no luck"); }\n', 's.yaml': STAGE(dir) });
  writeTree(dir, { '.yiprc.yaml': 'plugins: [yipts-plugin-that-does-not-exist]\n' });
  const missing = await yip(['s.yaml'], { cwd: dir });
  assert.is(missing.code, 1);
  assert.match(missing.stderr, /plugin `yipts-plugin-that-does-not-exist` \(listed in .*\.yiprc\.yaml\) cannot be found/);
  writeTree(dir, { '.yiprc.yaml': 'plugins: [./bad.mjs]\n' });
  const throwing = await yip(['s.yaml'], { cwd: dir });
  assert.is(throwing.code, 1);
  assert.match(throwing.stderr, /plugin `\.\/bad\.mjs` threw while being created: no luck/);
  writeTree(dir, { '.yiprc.yaml': 'plugins: [./greeter.mjs, [./greeter.mjs, {}]]\n' });
  const twice = await yip(['s.yaml'], { cwd: dir });
  assert.is(twice.code, 1);
  assert.match(twice.stderr, /plugin "greeter" is given twice/);
  assert.not.ok(existsSync(join(dir, 'written')), 'nothing ran');
});

config('configPaths, cloudInitPaths and strict from the configuration drive run-stage; a typo is a warning', async () => {
  const dir = tempDir();
  const root = join(dir, 'root');
  writeTree(root, {
    'custom/a.yaml': `stages: {boot: [{files: [{path: /from-custom, content: ok}]}, {commands: ["exit 3"]}]}`,
    'oem/b.yaml': `stages: {boot: [{files: [{path: /from-oem, content: no}]}]}`,
  });
  writeTree(dir, { 'yip.config.yaml': 'configPaths: [/custom]\nstrict: true\nlogFromat: json\n' });
  const r = await yip(['run-stage', '--root', root, '--no-cmdline', 'boot'], { cwd: dir });
  assert.is(r.code, 65, r.stderr);
  assert.is(readFileSync(join(root, 'from-custom'), 'utf8'), 'ok');
  assert.not.ok(existsSync(join(root, 'from-oem')), '/oem is not a config path any more');
  assert.match(r.stderr, /yip\.config\.yaml: unknown key `logFromat` is ignored; did you mean `logFormat`\?/);
});

config('--json-schema prints the schema of config files, with the keys of loaded plugins', async () => {
  const dir = tempDir();
  writeTree(dir, { 'greeter.mjs': GREETER, '.yiprc.yaml': 'plugins: [./greeter.mjs]\ndisable: [downloads]\n' });
  const r = await yip(['--json-schema'], { cwd: dir });
  assert.is(r.code, 0, r.stderr);
  type StepProperties = Record<string, { properties?: Record<string, unknown> }>;
  const schema = JSON.parse(r.stdout) as {
    anyOf: [{ properties: { stages: { additionalProperties: { items: { properties: StepProperties } } } } }];
  };
  const step = schema.anyOf[0].properties.stages.additionalProperties.items.properties;
  assert.ok('greet' in step, 'the plugin key is in the schema');
  assert.ok('files' in step && 'commands' in step && 'if' in step && 'after' in step);
  assert.not.ok('downloads' in step, "a disabled plugin's key is not offered");
  assert.ok(step.files && JSON.stringify(step.files).includes('permissions'));
});

config('a plugin name no plugin has, in disable or pluginOptions, is an error with the nearest name and the file', async () => {
  const dir = tempDir();
  writeTree(dir, { 's.yaml': STAGE(dir), 'yip.config.yaml': 'disable: [downlods]\n' });
  const disable = await yip(['s.yaml'], { cwd: dir });
  assert.is(disable.code, 1);
  assert.match(disable.stderr, /yip\.config\.yaml: disable: no plugin is named `downlods`; did you mean `downloads`\?/);
  writeTree(dir, { 'yip.config.yaml': 'pluginOptions:\n  authorised-keys: {fetchTimeoutMs: 5}\n' });
  const options = await yip(['s.yaml'], { cwd: dir });
  assert.is(options.code, 1);
  assert.match(options.stderr, /pluginOptions: no plugin is named `authorised-keys`; did you mean `authorized-keys`\?/);
  assert.not.ok(existsSync(join(dir, 'written')), 'nothing ran');
});

config("each plugin's options are checked: the error names the file, the plugin and the option", async () => {
  const dir = tempDir();
  writeTree(dir, { 's.yaml': STAGE(dir), 'yip.config.yaml': 'pluginOptions:\n  downloads: {retries: many}\n' });
  const wrong = await yip(['s.yaml'], { cwd: dir });
  assert.is(wrong.code, 1);
  assert.match(wrong.stderr, /yip\.config\.yaml: plugin "downloads": option `retries`: expected an integer, found string/);
  writeTree(dir, { 'yip.config.yaml': 'pluginOptions:\n  mount: {lables: {}}\n' });
  const unknown = await yip(['s.yaml'], { cwd: dir });
  assert.is(unknown.code, 1);
  assert.match(unknown.stderr, /plugin "mount": unknown option `lables`; did you mean `labels`\?/);
  writeTree(dir, { 'yip.config.yaml': 'commandTimeout: soon\n' });
  const timeout = await yip(['s.yaml'], { cwd: dir });
  assert.is(timeout.code, 1);
  assert.match(timeout.stderr, /yip\.config\.yaml: `commandTimeout` expects a duration/);
  assert.not.ok(existsSync(join(dir, 'written')), 'nothing ran');
});

config('the old top-level `mount` key still works, with a deprecation warning; it is checked as pluginOptions.mount', async () => {
  const dir = tempDir();
  writeTree(dir, { 's.yaml': STAGE(dir), 'yip.config.yaml': 'mount: {labels: {}}\n' });
  const old = await yip(['s.yaml'], { cwd: dir });
  assert.is(old.code, 0, old.stderr);
  assert.match(old.stderr, /WARN .*yip\.config\.yaml: `mount` is deprecated; write its options under `pluginOptions\.mount`/);
  assert.ok(existsSync(join(dir, 'written')));
  writeTree(dir, { 'yip.config.yaml': 'mount: {isolate: sometimes}\n' });
  const bad = await yip(['s.yaml'], { cwd: dir });
  assert.is(bad.code, 1);
  assert.match(bad.stderr, /plugin "mount": option `isolate`: expected a boolean/);
});

config("--config-schema: the JSON Schema of the executor configuration, with every preset plugin's options", async () => {
  const r = await yip(['--config-schema']);
  assert.is(r.code, 0, r.stderr);
  type Props = { properties: Record<string, Props & { enum?: string[] }> };
  const schema = JSON.parse(r.stdout) as Props;
  const plugins = schema.properties.pluginOptions!.properties;
  assert.ok(plugins.mount!.properties.labels, 'mount options');
  assert.equal(plugins.git!.properties.tool!.enum, ['auto', 'host', 'root']);
  assert.ok(plugins.files && plugins['unpack-images'] && plugins.datasource);
  assert.ok(schema.properties.disable && schema.properties.plugins && schema.properties.strict);
});

config.run();
