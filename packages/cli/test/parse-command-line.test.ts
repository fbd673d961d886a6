// The command line parsed once: every flag, its checks, the commands, and the usage errors.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseCommandLine, UsageError } from '../src/parse-command-line.js';
import type { Request } from '../src/parse-command-line.js';

type FlagsRequest = Extract<Request, { flags: unknown }>;

function flags(argv: string[]): FlagsRequest {
  const r = parseCommandLine(argv);
  if (!('flags' in r)) throw new Error(`parsed as ${r.command}`);
  return r;
}

function usageError(argv: string[]): UsageError {
  try {
    parseCommandLine(argv);
  } catch (error) {
    assert.instance(error, UsageError);
    return error as UsageError;
  }
  throw new Error(`${argv.join(' ')} was accepted`);
}

const dir = mkdtempSync(join(tmpdir(), 'yipts-flags-'));
writeFileSync(join(dir, 'file'), '');
test.after(() => rmSync(dir, { recursive: true, force: true }));

test("yip's forms: -s STAGE, -sSTAGE, -s=STAGE, --stage=STAGE, bundled -ad, flags after sources, -- and -", () => {
  const forms = [
    ['-s', 'boot', 'a.yaml'],
    ['-sboot', 'a.yaml'],
    ['-s=boot', 'a.yaml'],
    ['a.yaml', '--stage=boot'],
    ['--stage', 'boot', 'a.yaml'],
  ];
  for (const argv of forms) {
    const r = flags(argv);
    assert.is(r.command, 'run');
    assert.is(r.flags.stage, 'boot', argv.join(' '));
    assert.equal(r.positionals, ['a.yaml']);
  }
  const bundled = flags(['-ad', '-', '--', '-odd-name.yaml']);
  assert.ok(bundled.flags.analyze && bundled.flags.dotnotation);
  assert.equal(bundled.positionals, ['-', '-odd-name.yaml']);
  const plain = flags(['x.yaml']);
  assert.is(plain.flags.stage, undefined);
  assert.is(plain.flags.analyze, false);
});

test('values are checked and converted: numbers, durations, enums, directories, path lists', () => {
  const r = flags(['--concurrency', '4', '--command-timeout', '1h30m', '--log-format', 'json', '--root', dir, 'x']);
  assert.is(r.flags.concurrency, 4);
  assert.is(r.flags.commandTimeout, 90 * 60_000);
  assert.is(r.flags.logFormat, 'json');
  assert.is(r.flags.root, dir);
  assert.is(flags(['--command-timeout', '250ms', 'x']).flags.commandTimeout, 250);
  assert.is(flags(['--command-timeout', '30', 'x']).flags.commandTimeout, 30_000);
  const s = flags(['run-stage', '--cloud-init-paths', '/a,/b', '--cloud-init-paths=/c', '--strict', '--no-cmdline', 'boot']);
  assert.is(s.command, 'run-stage');
  assert.equal(s.flags.cloudInitPaths, ['/a', '/b', '/c']);
  assert.ok(s.flags.strict && s.flags.noCmdline);
  assert.equal(s.positionals, ['boot']);
});

test('a wrong value is a usage error naming the flag and the value', () => {
  const cases: Array<[string[], RegExp]> = [
    [['--concurrency', 'abc', 'x'], /^--concurrency: expects a whole number of at least 1, not `abc`$/],
    [['--concurrency', '0', 'x'], /^--concurrency: /],
    [['--command-timeout', '10 minutes', 'x'], /^--command-timeout: expects a duration such as 30s, 10m or 1h30m, not `10 minutes`$/],
    [['--command-timeout', '5d', 'x'], /^--command-timeout: /],
    [['--log-format', 'xml', 'x'], /^--log-format: expects one of text, json, not `xml`$/],
    [['--root', join(dir, 'missing'), 'x'], /^--root: .*missing: no such directory$/],
    [['--root', join(dir, 'file'), 'x'], /^--root: .*file: not a directory$/],
    [['-s', '', 'x'], /^--stage: must not be empty$/],
    [['x', '--stage'], /^--stage needs a value \(STAGE\)$/],
    [['--analyze=yes', 'x'], /^--analyze takes no value \(given `yes`\)$/],
    [['--stgae', 'boot', 'x'], /^unknown flag --stgae; did you mean --stage\?$/],
    [['-z', 'x'], /^unknown flag -z/],
    [['--strict', 'x'], /^--strict is a flag of yip run-stage and yip validate, not of this command$/],
    [['validate', '--format', 'yaml', 'x'], /^--format: expects one of text, json, github, not `yaml`$/],
    [['blame', '--top', '0', 'r.json'], /^--top: /],
    [['blame', '--strict', 'r.json'], /^--strict is a flag of yip run-stage and yip validate, not of this command$/],
    [['run-stage', '-s', 'boot', 'x'], /^--stage is a flag of yip SOURCE\.\.\. and yip plan, not of this command$/],
  ];
  for (const [argv, message] of cases) assert.match(usageError(argv).message, message, argv.join(' '));
  assert.is(usageError(['run-stage', '--concurrency', 'x', 'boot']).command, 'run-stage');
});

test('commands: help [COMMAND], version, completion SHELL, man; they are never sources', () => {
  assert.equal(parseCommandLine(['help']), { command: 'help', topic: undefined });
  assert.equal(parseCommandLine(['help', 'run-stage']), { command: 'help', topic: 'run-stage' });
  assert.equal(parseCommandLine(['version']), { command: 'version' });
  assert.equal(parseCommandLine(['completion', 'zsh']), { command: 'completion', shell: 'zsh' });
  assert.equal(parseCommandLine(['man']), { command: 'man' });
  assert.match(usageError(['help', 'run-stag']).message, /help: no command `run-stag`; did you mean `run-stage`\?/);
  assert.match(usageError(['completion', 'fish']).message, /completion takes one of bash, zsh, not `fish`/);
  assert.match(usageError(['completion']).message, /completion takes one of bash, zsh$/);
  assert.match(usageError(['version', 'x']).message, /version takes no arguments/);
  assert.equal(flags(['./version']).positionals, ['./version'], 'a file of that name is still a source with a path');
});

test.run();
