import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { yip } from '../helpers/cli.js';
import { removeTempDirs, tempDir, writeTree } from '../helpers/tmp.js';

const run = suite('yip SOURCE...');
run.after.each(removeTempDirs);

run('runs the default stage: files, directories, commands, in the fixed order', async () => {
  const dir = tempDir();
  const out = join(dir, 'out');
  writeTree(dir, {
    'cfg/a.yaml': `
name: demo
stages:
  default:
    - name: write
      commands:
        - cat ${out}/hello.txt > ${out}/copy.txt
      files:
        - path: ${out}/hello.txt
          content: "hi\\n"
          permissions: 0600
      directories:
        - path: ${out}/sub/deeper
          permissions: 0750
  other:
    - commands: [touch ${out}/other-stage]
`,
  });
  const r = await yip([join(dir, 'cfg')]);
  assert.is(r.code, 0, r.stderr);
  // files (6) ran before commands (7) although written after them
  assert.is(readFileSync(join(out, 'copy.txt'), 'utf8'), 'hi\n');
  assert.is(statSync(join(out, 'hello.txt')).mode & 0o7777, 0o600);
  assert.is(statSync(join(out, 'sub/deeper')).mode & 0o7777, 0o750);
  assert.is(statSync(join(out, 'sub')).mode & 0o7777, 0o750, 'missing parents get the same mode');
  assert.not.ok(existsSync(join(out, 'other-stage')), 'only the asked stage runs');
});

run('-s picks the stage; exit 1 when a step failed, and later commands still run', async () => {
  const dir = tempDir();
  writeTree(dir, {
    'a.yaml': `
stages:
  boot:
    - commands:
        - echo failing-output; exit 4
        - touch ${dir}/after-failure
    - commands: [touch ${dir}/next-step]
`,
  });
  const r = await yip(['-s', 'boot', join(dir, 'a.yaml')]);
  assert.is(r.code, 1);
  assert.ok(existsSync(join(dir, 'after-failure')), 'a failing command does not stop the next');
  assert.ok(existsSync(join(dir, 'next-step')), 'a failed step does not stop the next step');
  assert.match(r.stderr, /exited with status 4/);
  assert.match(r.stderr, /failing-output/, 'the output of a failing command is shown');
  assert.match(r.stderr, /\[commands\]/, 'the plugin is named');
  assert.match(
    r.stderr,
    new RegExp(`${join(dir, 'a.yaml').replace(/[.]/g, '\\.')}.*\\(${join(dir, 'a.yaml').replace(/[.]/g, '\\.')}\\.0\\)`),
    'file and step id are named',
  );
});

run('sources run in argument order, each its own run; a bad one does not stop the next', async () => {
  const dir = tempDir();
  const log = join(dir, 'log');
  writeTree(dir, {
    'one.yaml': `stages: {default: [{commands: ["echo one >> ${log}"]}]}`,
    'two.txt': `stages: {default: [{commands: ["echo two >> ${log}"]}]}`,
  });
  const r = await yip([join(dir, 'two.txt'), join(dir, 'missing.yaml'), join(dir, 'one.yaml')]);
  assert.is(r.code, 1, 'a missing source makes the run fail');
  assert.is(readFileSync(log, 'utf8'), 'two\none\n');
  assert.match(r.stderr, /missing\.yaml.*no such file or directory/);
});

run('a directory is walked recursively in byte-wise lexical order, .yaml/.yml only', async () => {
  const dir = tempDir();
  const log = join(dir, 'log');
  const step = (name: string) => `stages: {default: [{commands: ["echo ${name} >> ${log}"]}]}`;
  writeTree(dir, {
    'cfg/b.yml': step('b'),
    'cfg/a/z.yaml': step('a/z'),
    'cfg/B.yaml': step('B'),
    'cfg/10.yaml': step('10'),
    'cfg/9.yaml': step('9'),
    'cfg/notes.txt': step('txt'),
  });
  const r = await yip([join(dir, 'cfg')]);
  assert.is(r.code, 0, r.stderr);
  assert.is(readFileSync(log, 'utf8'), '10\n9\nB\na/z\nb\n');
});

run('- reads the config from standard input', async () => {
  const dir = tempDir();
  const r = await yip(['-'], { input: `stages: {default: [{files: [{path: ${dir}/from-stdin, content: ok}]}]}` });
  assert.is(r.code, 0, r.stderr);
  assert.is(readFileSync(join(dir, 'from-stdin'), 'utf8'), 'ok');
});

run('-d reads dot notation (the kernel command line form)', async () => {
  const dir = tempDir();
  const r = await yip(['-d', '-s', 'network', '-'], {
    input: `BOOT_IMAGE=/vmlinuz stages.network[0].commands[0]="touch ${dir}/dot" stages.network[0].name=dotted`,
  });
  assert.is(r.code, 0, r.stderr);
  assert.ok(existsSync(join(dir, 'dot')));
});

run('-a prints the dependency layers and runs nothing', async () => {
  const dir = tempDir();
  writeTree(dir, {
    'a.yaml': `
name: plan
stages:
  default:
    - name: first
      commands: [touch ${dir}/must-not-exist]
    - name: second
    - name: side
      after: [{name: plan.first}]
`,
  });
  const r = await yip(['-a', join(dir, 'a.yaml')]);
  assert.is(r.code, 0, r.stderr);
  assert.not.ok(existsSync(join(dir, 'must-not-exist')));
  assert.match(r.stdout, /layer 1:\n\s+- plan\.first\n\s+layer 2:\n\s+- plan\.second\n\s+- plan\.side/);
});

run('--help, --version and a wrong flag', async () => {
  const help = await yip(['--help']);
  assert.is(help.code, 0);
  assert.match(help.stdout, /--stage STAGE/);
  const version = await yip(['--version']);
  assert.is(version.code, 0);
  assert.match(version.stdout, /^yip version \d+\.\d+\.\d+/);
  const bad = await yip(['--no-such-flag', 'x']);
  assert.is(bad.code, 2);
  assert.match(bad.stderr, /unknown flag --no-such-flag/);
  const none = await yip([]);
  assert.is(none.code, 2);
});

run('LOGLEVEL and NO_COLOR shape the log', async () => {
  const dir = tempDir();
  writeTree(dir, { 'a.yaml': 'stages: {default: [{commands: ["true"]}]}' });
  const quiet = await yip([join(dir, 'a.yaml')], { env: { LOGLEVEL: 'error' } });
  assert.is(quiet.stderr, '');
  const debug = await yip([join(dir, 'a.yaml')], { env: { LOGLEVEL: 'debug' } });
  assert.match(debug.stderr, /DEBUG/);
  const coloured = await yip([join(dir, 'a.yaml')], { env: { NO_COLOR: undefined, FORCE_COLOR: '1' } });
  assert.match(coloured.stderr, /\x1b\[/);
  assert.not.match(debug.stderr, /\x1b\[/);
});

run('parts loaded on first use work in the bundle: templates, gzip content, commands', async () => {
  const dir = tempDir();
  const gz = (await import('node:zlib')).gzipSync('unzipped\n').toString('base64');
  writeTree(dir, {
    'a.yaml': `stages:\n  default:\n    - files:\n        - path: ${dir}/gz\n          encoding: gz+b64\n          content: ${gz}\n      commands:\n        - echo '{{ upper "templated" }} {{ len .MachineID }}' > ${dir}/t\n`,
  });
  const r = await yip([join(dir, 'a.yaml')]);
  assert.is(r.code, 0, r.stderr);
  assert.is(readFileSync(join(dir, 'gz'), 'utf8'), 'unzipped\n');
  assert.match(readFileSync(join(dir, 't'), 'utf8'), /^TEMPLATED \d+\n$/);
});

run.run();
