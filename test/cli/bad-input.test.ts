import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { yip } from '../helpers/cli.js';
import { removeTempDirs, tempDir, writeTree } from '../helpers/tmp.js';

const bad = suite('bad input');
bad.after.each(removeTempDirs);

/** A directory whose good files write `log` lines around one bad file. */
function around(badName: string, badContent: string | Buffer): { dir: string; log: string } {
  const dir = tempDir();
  const log = join(dir, 'log');
  writeTree(dir, {
    'cfg/00_first.yaml': `stages: {default: [{commands: ["echo first >> ${log}"]}]}`,
    [`cfg/${badName}`]: badContent,
    'cfg/99_last.yaml': `stages: {default: [{commands: ["echo last >> ${log}"]}]}`,
  });
  return { dir, log };
}

const billionLaughs = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
  .concat(['b', 'c', 'd', 'e', 'f', 'g', 'h', 'i'].map((k, i) => `${k}: &${k} [${Array(9).fill(`*${'abcdefgh'[i]}`).join(',')}]`))
  .concat(['stages: {default: [{commands: ["echo bomb"]}]}'])
  .join('\n');

const deepNesting = `stages: {default: [{commands: ${'['.repeat(3_000)}${']'.repeat(3_000)}}]}`;

const cases: Array<[string, string, string | Buffer, RegExp]> = [
  [
    'broken YAML',
    '50_broken.yaml',
    'stages:\n  default:\n    - commands: [unclosed\n',
    /50_broken\.yaml:\d+:\d+ .*(flow|Missing|expected)/i,
  ],
  [
    'a wrong type',
    '50_types.yaml',
    'stages:\n  default:\n    - commands: "not a list"\n',
    /50_types\.yaml:3:17 .*expected a list, found string/,
  ],
  ['stages not a mapping', '50_stages.yaml', 'stages: [default, boot]\n', /50_stages\.yaml:1:9 .*`stages` must be a mapping/],
  ['binary garbage', '50_binary.yaml', Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 1, 2, 0xff, 0xfe]), /50_binary\.yaml .*not a text file/],
  ['an alias bomb', '50_bomb.yaml', billionLaughs, /50_bomb\.yaml:\d+:\d+ .*alias/],
  ['nesting 3,000 levels deep', '50_deep.yaml', deepNesting, /50_deep\.yaml:1:\d+ .*nest more/],
  [
    'a duplicate key',
    '50_dup.yaml',
    'name: a\nname: b\nstages: {default: []}\n',
    /50_dup\.yaml:2:1 .*duplicate key `name` \(first defined at line 1\)/,
  ],
];

for (const [what, name, content, message] of cases) {
  bad(`${what}: a clear error with its location, and the other files still run`, async () => {
    const { dir, log } = around(name, content);
    const r = await yip([join(dir, 'cfg')], { timeoutMs: 20_000 });
    assert.match(r.stderr, message);
    assert.is(readFileSync(log, 'utf8'), 'first\nlast\n');
    assert.is(r.code, 1, r.stderr);
  });
}

bad('an empty file is harmless when running, and reported by -a', async () => {
  const { dir, log } = around('50_empty.yaml', '');
  const r = await yip([join(dir, 'cfg')]);
  assert.is(r.code, 0, r.stderr);
  assert.is(readFileSync(log, 'utf8'), 'first\nlast\n');
  const lint = await yip(['-a', join(dir, 'cfg')]);
  assert.is(lint.code, 0);
  assert.match(lint.stderr, /50_empty\.yaml .*no configuration/);
});

bad('-a parses every file, also those that do not mention the stage, and reports their errors', async () => {
  const { dir } = around('50_other.yaml', 'stages:\n  boot:\n    - commands: [unclosed\n');
  const run = await yip([join(dir, 'cfg')]);
  assert.is(run.code, 0, 'a broken file that cannot have steps for the stage does not fail it');
  const lint = await yip(['-a', join(dir, 'cfg')]);
  assert.match(lint.stderr, /50_other\.yaml:4:1 /);
});

bad('an unknown key is a warning naming file:line:col and the nearest key; the step runs', async () => {
  const dir = tempDir();
  writeTree(dir, {
    'a.yaml': `stages:\n  default:\n    - files:\n        - path: ${dir}/f\n          permsisions: 0600\n          content: x\n`,
  });
  const r = await yip([join(dir, 'a.yaml')]);
  assert.is(r.code, 0, r.stderr);
  assert.match(r.stderr, /WARN .*a\.yaml:5:11 .*unknown key `permsisions` is ignored; did you mean `permissions`\?/);
  assert.is(readFileSync(join(dir, 'f'), 'utf8'), 'x');
});

bad('an after cycle and an after naming no step: errors on those steps, the others run', async () => {
  const dir = tempDir();
  const log = join(dir, 'log');
  writeTree(dir, {
    'a.yaml': `
name: c
stages:
  default:
    - name: x
      after: [{name: c.y}]
      commands: ["echo x >> ${log}"]
    - name: y
      after: [{name: c.x}]
      commands: ["echo y >> ${log}"]
    - name: lost
      after: [{name: nowhere}]
      commands: ["echo lost >> ${log}"]
    - name: fine
      after: [{name: c.x}]
      commands: ["echo fine >> ${log}"]
`,
  });
  const r = await yip([join(dir, 'a.yaml')]);
  assert.is(r.code, 1);
  assert.match(r.stderr, /\(c\.x\) .*dependency cycle: c\.x → c\.y → c\.x|\(c\.x\) .*dependency cycle/);
  assert.match(r.stderr, /a\.yaml:12:15 \(c\.lost\) .*`after` names `nowhere`/);
  assert.is(readFileSync(log, 'utf8'), 'fine\n');
});

bad('a path that does not exist is "no such file", not YAML', async () => {
  const r = await yip(['/nonexistent/config.yaml']);
  assert.is(r.code, 1);
  assert.match(r.stderr, /\/nonexistent\/config\.yaml .*no such file or directory/);
});

bad.run();
