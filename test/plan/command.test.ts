// `yipts plan` as a command: exit status 0 (nothing would change), 2 (something would), 1 (an
// error); text with a unified diff, colour only when asked; JSON; `if` shown as a dependency
// unless --run-conditions runs it.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { yip } from '../helpers/cli.js';
import { removeTempDirs, tempDir, writeTree } from '../helpers/tmp.js';

const test = suite('yipts plan: output and exit status');
test.after.each(removeTempDirs);

function setup(content: string): { dir: string; config: string; target: string } {
  const dir = tempDir();
  const target = join(dir, 'out/motd');
  writeTree(dir, {
    'out/motd': 'old line\nsame line\n',
    'cfg.yaml': `stages:
  default:
    - name: motd
      files:
        - path: ${target}
          content: ${JSON.stringify(content)}
          permissions: 0644
          owner: 0
          group: 0
`,
  });
  return { dir, config: join(dir, 'cfg.yaml'), target };
}

test('exit 2 and a unified diff when a file would change; the file is untouched', async () => {
  const { config, target } = setup('new line\nsame line\n');
  const res = await yip(['plan', config]);
  assert.is(res.code, 2, res.stderr);
  assert.match(res.stdout, `~ file ${target} (modify, mode 0644, owner 0:0)`);
  assert.match(res.stdout, `--- ${target}\n`);
  assert.match(res.stdout, '-old line\n');
  assert.match(res.stdout, '+new line\n');
  assert.match(res.stdout, ' same line\n');
  assert.match(res.stdout, 'Plan: 0 to add, 1 to change, 0 to remove, 0 to run.');
  assert.not.match(res.stdout, '\x1b[', 'no colour when not on a terminal');
  assert.is(readFileSync(target, 'utf8'), 'old line\nsame line\n');
});

test('colour when forced', async () => {
  const { config } = setup('new line\nsame line\n');
  const res = await yip(['plan', config], { env: { NO_COLOR: undefined, FORCE_COLOR: '1' } });
  assert.is(res.code, 2);
  assert.match(res.stdout, '\x1b[32m+new line\x1b[0m');
});

test('exit 0 when nothing would change', async () => {
  const { config } = setup('old line\nsame line\n');
  const res = await yip(['plan', config]);
  assert.is(res.code, 0, res.stdout + res.stderr);
  assert.match(res.stdout, 'Plan: 0 to add, 0 to change, 0 to remove, 0 to run.');
});

test('exit 1 on an error: a step that cannot be planned, a usage error', async () => {
  const dir = tempDir();
  writeTree(dir, { 'bad.yaml': 'stages:\n  default:\n    - files:\n        - content: no path\n' });
  const bad = await yip(['plan', join(dir, 'bad.yaml')]);
  assert.is(bad.code, 1, bad.stdout + bad.stderr);
  assert.match(bad.stdout, 'error: file (no path): a file entry has no `path`');
  const usage = await yip(['plan', '--format', 'yaml', join(dir, 'bad.yaml')]);
  assert.is(usage.code, 1);
  assert.match(usage.stderr, '--format: expects one of text, json');
  const none = await yip(['plan']);
  assert.is(none.code, 1);
  assert.match(none.stderr, 'no source given');
});

test('JSON: steps with their changes, the diff, the counts', async () => {
  const { config, target } = setup('new line\nsame line\n');
  const res = await yip(['plan', '--format', 'json', config]);
  assert.is(res.code, 2, res.stderr);
  const plan = JSON.parse(res.stdout);
  assert.is(plan.changed, true);
  assert.equal(plan.summary, { add: 0, change: 1, remove: 0, run: 0, unknown: 0 });
  const [change] = plan.stages[0].steps[0].changes;
  assert.is(change.kind, 'file');
  assert.is(change.path, target);
  assert.is(change.before, 'old line\nsame line\n');
  assert.is(change.after, 'new line\nsame line\n');
  assert.match(change.diff, '@@ -1,2 +1,2 @@\n-old line\n+new line\n same line\n');
});

test('`if` is shown as a dependency and not run; --run-conditions runs it and skips the step', async () => {
  const dir = tempDir();
  const marker = join(dir, 'if-ran');
  writeFileSync(
    join(dir, 'cfg.yaml'),
    `stages:\n  default:\n    - name: guarded\n      if: touch ${marker} && false\n      commands: [echo hi]\n`,
  );
  const shown = await yip(['plan', join(dir, 'cfg.yaml')]);
  assert.is(shown.code, 2, shown.stderr);
  assert.match(shown.stdout, `? depends on \`touch ${marker} && false\``);
  assert.match(shown.stdout, '> command `echo hi`');
  assert.not.ok(existsSync(marker), 'the `if` command did not run');
  const run = await yip(['plan', '--run-conditions', join(dir, 'cfg.yaml')]);
  assert.ok(existsSync(marker), 'the `if` command ran');
  assert.is(run.code, 0, run.stdout + run.stderr);
  assert.match(run.stdout, 'skipped: if');
});

test.run();
