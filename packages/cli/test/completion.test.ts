// Completion scripts and the man page come from the flag table: each lists every flag. The bash
// script is run by a real bash; the man page is formatted by a real groff, which must not warn.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { completionScript } from '../src/completion.js';
import { FLAG_LIST } from '../src/flag-table.js';
import { manPage } from '../src/man-page.js';
import { SUBCOMMANDS } from '../src/commands.js';

const flags = FLAG_LIST.map(([, f]) => f);

/** Runs the bash completion for the words typed, as bash's programmable completion would. */
function complete(words: string[]): string[] {
  const typed = `COMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${words.length - 1}`;
  const script = `${completionScript('bash')}\n${typed}; _yipts; printf '%s\\n' "\${COMPREPLY[@]}"`;
  const r = spawnSync('bash', ['-c', script], { encoding: 'utf8', cwd: '/' });
  assert.is(r.status, 0, r.stderr);
  return r.stdout.split('\n').filter(Boolean);
}

test('bash: every flag and command is offered where it applies, and enum values after their flag', () => {
  const runFlags = complete(['yip', '--']);
  for (const f of flags.filter((f) => f.commands.includes('run'))) assert.ok(runFlags.includes(`--${f.long}`), f.long);
  assert.not.ok(runFlags.includes('--strict'));
  const stageFlags = complete(['yip', 'run-stage', '--']);
  for (const f of flags.filter((f) => f.commands.includes('run-stage'))) assert.ok(stageFlags.includes(`--${f.long}`), f.long);
  assert.equal(complete(['yip', '--log-format', '']), ['text', 'json']);
  assert.equal(complete(['yip', 'completion', '']), ['bash', 'zsh']);
  const first = complete(['yip', '']);
  for (const c of SUBCOMMANDS) assert.ok(first.includes(c), c);
  assert.ok(complete(['yip', '--root', 'et']).includes('etc'), 'directories after --root');
});

test('zsh: every flag of each command is in its _arguments specs', () => {
  const script = completionScript('zsh');
  assert.match(script, /^#compdef yip yipts\n/);
  const [stagePart, runPart] = script.split('else\n    _arguments');
  for (const f of flags) {
    if (f.commands.includes('run')) assert.match(runPart!, new RegExp(`--${f.long}(\\}')?\\[`), f.long);
    if (f.commands.includes('run-stage')) assert.match(stagePart!, new RegExp(`--${f.long}(\\}')?\\[`), f.long);
  }
  assert.match(script, /--log-format\[[^\]]*\]:text\|json:\(text json\)/);
});

test('the man page documents every flag and command, and groff formats it without a warning', () => {
  const page = manPage();
  for (const f of flags) assert.ok(page.includes(`\\fB\\-\\-${f.long.replace(/-/g, '\\-')}\\fR`), f.long);
  for (const c of SUBCOMMANDS) assert.ok(page.includes(`yip ${c.replace(/-/g, '\\-')}`), c);
  const r = spawnSync('groff', ['-man', '-Tutf8', '-ww', '-z'], { input: page, encoding: 'utf8' });
  assert.is(r.status, 0);
  assert.is(r.stderr, '');
  const text = spawnSync('groff', ['-man', '-Tutf8', '-P', '-c'], { input: page, encoding: 'utf8' }).stdout.replace(/.\x08/g, '');
  assert.match(text, /--command-timeout DURATION/);
  assert.match(text, /EXIT STATUS[\s\S]*65/);
  assert.match(text, /ENVIRONMENT[\s\S]*LOGLEVEL[\s\S]*NO_COLOR/);
});

test.run();
