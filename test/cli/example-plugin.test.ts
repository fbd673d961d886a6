/**
 * The example third-party plugin package (examples/motd-plugin), installed the way a user would
 * (a package in node_modules next to the configuration) and loaded by the real CLI through an
 * executor configuration file, with options.
 */
import { mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { REPO, yip } from '../helpers/cli.js';
import { removeTempDirs, tempDir, writeTree } from '../helpers/tmp.js';

const example = suite('example plugin through the CLI');
example.after.each(removeTempDirs);

function install(dir: string): void {
  mkdirSync(join(dir, 'node_modules'), { recursive: true });
  symlinkSync(join(REPO, 'examples/motd-plugin'), join(dir, 'node_modules/yipts-plugin-motd'));
}

example('yipts-plugin-motd by package name from yip.config.yaml, with options', async () => {
  const dir = tempDir();
  install(dir);
  writeTree(dir, {
    'yip.config.yaml': 'plugins:\n  - ["yipts-plugin-motd", { prefix: "[managed] " }]\n',
    'stage.yaml': `stages:\n  default:\n    - name: welcome\n      motd:\n        message: "Welcome on {{ .Values.os.name | default \\"this host\\" }}"\n        path: ${dir}/motd\n`,
  });
  const r = await yip(['stage.yaml'], { cwd: dir });
  assert.is(r.code, 0, r.stderr);
  assert.match(readFileSync(join(dir, 'motd'), 'utf8'), /^\[managed\] Welcome on \S+/);
});

example('a typo in the plugin key gets the same did-you-mean warning as built-in keys', async () => {
  const dir = tempDir();
  install(dir);
  writeTree(dir, {
    'yip.config.yaml': 'plugins: [yipts-plugin-motd]\n',
    'stage.yaml': `stages:\n  default:\n    - motd:\n        mesage: hi\n        path: ${dir}/motd\n    - motdd: {message: hi}\n`,
  });
  const r = await yip(['-a', 'stage.yaml'], { cwd: dir });
  assert.match(r.stderr, /stage\.yaml:4:9 .*unknown key `mesage` is ignored; did you mean `message`\?/);
  assert.match(r.stderr, /stage\.yaml:6:7 .*unknown key `motdd` is ignored; did you mean `motd`\?/);
});

example('its options are checked against the schema the package exports, naming the plugin, the option and the file', async () => {
  const dir = tempDir();
  install(dir);
  writeTree(dir, { 'yip.config.yaml': 'plugins:\n  - ["yipts-plugin-motd", { prefx: "x" }]\n', 'stage.yaml': 'stages: {default: []}\n' });
  const r = await yip(['stage.yaml'], { cwd: dir });
  assert.is(r.code, 1);
  assert.match(r.stderr, /yip\.config\.yaml: plugin "yipts-plugin-motd": unknown option `prefx`; did you mean `prefix`\?/);
});

example.run();
