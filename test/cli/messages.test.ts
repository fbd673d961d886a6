/**
 * Messages of the real CLI for common mistakes, with their fix; the code frame on a terminal
 * and its absence off one; codes in JSON logs; output that stays small for a huge cycle.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { CLI, yip } from '../helpers/cli.js';
import { removeTempDirs, tempDir, writeTree } from '../helpers/tmp.js';

const messages = suite('messages');
messages.after.each(removeTempDirs);

const MISTAKES = {
  '10_mode.yaml': 'stages:\n  default:\n    - files:\n        - path: /tmp/never\n          permissions: 644\n',
  '20_template.yaml': 'stages:\n  default:\n    - files:\n        - path: /tmp/never\n          content: {{ .Values.motd }}\n',
  '30_after.yaml': 'stages:\n  default:\n    - name: a\n    - after: [a]\n',
  '40_nostages.yaml': 'name: lost\nboot:\n  - commands: [true]\n',
  '50_type.yaml': 'stages:\n  default:\n    - commands: {a: b}\n',
};

messages('-a: each common mistake is reported at its place, with the fix', async () => {
  const dir = tempDir();
  writeTree(dir, MISTAKES);
  const r = await yip(['-a', dir]);
  assert.is(r.code, 0, r.stderr);
  assert.match(r.stderr, /WARN .*10_mode\.yaml:5:24 .*`permissions`: 644 is read as a decimal number, as yip does: mode 1204; did you/);
  assert.match(r.stderr, /ERROR .*20_template\.yaml:5:21 an unquoted `\{\{ … \}\}` template reads as a YAML mapping: quote the template/);
  assert.match(r.stderr, /ERROR .*30_after\.yaml:4:14 .*write `after: \[\{name: a\}\]`/);
  assert.match(r.stderr, /WARN .*40_nostages\.yaml:2:1 the file has no `stages:` key, so it defines no steps; `boot` belongs under/);
  assert.match(r.stderr, /ERROR .*50_type\.yaml:3:17 .*`commands`: expected a list, found mapping/);
  assert.not.match(r.stderr, / {2}\d+ \| /, 'no code frame off a terminal');
});

messages('on a terminal, a located message is followed by its YAML line and a caret', () => {
  const dir = tempDir();
  writeTree(dir, { 'a.yaml': MISTAKES['20_template.yaml'] });
  // `script` gives the command a pseudo-terminal as its standard streams.
  const r = spawnSync('script', ['-qec', `${process.execPath} ${CLI} -a ${join(dir, 'a.yaml')}`, '/dev/null'], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', TERM: 'dumb' },
    timeout: 30_000,
  });
  const out = r.stdout.replace(/\r/g, '');
  assert.match(out, /a\.yaml:5:21 an unquoted/);
  assert.ok(out.includes(`  5 |           content: {{ .Values.motd }}\n    | ${' '.repeat(20)}^\n`), out);
});

messages('--log-format json: findings carry their code', async () => {
  const dir = tempDir();
  writeTree(dir, { 'm.yaml': MISTAKES['10_mode.yaml'] });
  const r = await yip(['-a', '--log-format', 'json', join(dir, 'm.yaml')]);
  const records = r.stderr
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
  const w = records.find((x) => x.code === 'mode-decimal');
  assert.ok(w, r.stderr);
  assert.equal([w!.level, w!.line, w!.col], ['warning', 5, 24]);
});

messages('a 4,000-step cycle: one report, a small output, a run that ends', async () => {
  const dir = tempDir();
  const n = 4_000;
  let text = 'name: c\nstages:\n  default:\n';
  for (let i = 0; i < n; i++) text += `    - name: s${i}\n      after: [{name: s${(i + 1) % n}}]\n`;
  writeTree(dir, { 'cycle.yaml': text });
  const r = await yip([join(dir, 'cycle.yaml')], { timeoutMs: 60_000 });
  assert.is(r.code, 1, r.stderr.slice(0, 500));
  assert.is(r.stderr.match(/dependency cycle of 4000 steps/g)?.length, 1);
  assert.ok(r.stderr.length < 200 * n, `${r.stderr.length} bytes on stderr`);
});

messages.run();
