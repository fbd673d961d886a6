// Flags through the real bundled CLI: a wrong value is exit 2 naming the flag, before anything
// is read, mounted or written in the target root; help, version, completion and the man page.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { CLI, yip } from '../helpers/cli.js';
import { removeTempDirs, tempDir, writeTree } from '../helpers/tmp.js';

const flags = suite('flags of the command line');
flags.after.each(removeTempDirs);

/** Mount points below dir, from this process's mount table. */
function mountsBelow(dir: string): string[] {
  return readFileSync('/proc/self/mountinfo', 'utf8')
    .split('\n')
    .map((l) => l.split(' ')[4] ?? '')
    .filter((target) => target === dir || target.startsWith(`${dir}/`));
}

/** Everything below dir, as relative paths. */
function listing(dir: string): string[] {
  return (readdirSync(dir, { recursive: true }) as string[]).sort();
}

const BAD: Array<[string[], RegExp]> = [
  [['--concurrency', 'abc'], /yip: --concurrency: expects a whole number of at least 1, not `abc`/],
  [['--command-timeout', '10minutes'], /yip: --command-timeout: expects a duration/],
  [['--log-format', 'xml'], /yip: --log-format: expects one of text, json, not `xml`/],
  [['--stgae', 'boot'], /yip: unknown flag --stgae; did you mean --stage\?/],
  [['--analyze=1'], /yip: --analyze takes no value/],
];

flags('a wrong flag or value: exit 2 naming it, and the target root is left exactly as it was', async () => {
  const root = tempDir();
  const write = '[{files: [{path: /written, content: x}]}]';
  writeTree(root, { 'oem/a.yaml': `stages: {default: ${write}, boot: ${write}}\n` });
  const before = listing(root);
  for (const [bad, message] of BAD) {
    const r = await yip([...bad, '--root', root, join(root, 'oem/a.yaml')]);
    assert.is(r.code, 2, `${bad.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, message);
    assert.match(r.stderr, /Usage: yip \[-s STAGE\]/);
    // run-stage has no --stage: its misspelt flag is another one.
    const stageBad = bad[0] === '--stgae' ? ['--strcit'] : bad;
    const s = await yip(['run-stage', ...stageBad, '--root', root, '--no-cmdline', 'boot']);
    assert.is(s.code, 2, `run-stage ${stageBad.join(' ')}: ${s.stderr}`);
    assert.match(s.stderr, bad[0] === '--stgae' ? /unknown flag --strcit; did you mean --strict\?/ : message);
    assert.match(s.stderr, /Usage: yip run-stage/);
    assert.equal(listing(root), before, `${bad.join(' ')} left something in the root`);
    assert.equal(mountsBelow(root), []);
  }
});

flags('missing or surplus arguments and a root that is not a directory are usage errors too', async () => {
  const root = tempDir();
  const cases: Array<[string[], RegExp]> = [
    [[], /no source given/],
    [['run-stage'], /run-stage takes exactly one STAGE/],
    [['run-stage', 'a', 'b'], /run-stage takes exactly one STAGE/],
    [['--root', join(root, 'absent'), 'x.yaml'], /--root: .*absent: no such directory/],
    [['--strict', 'x.yaml'], /--strict is a flag of yip run-stage/],
    [['help', 'nothing'], /help: no command `nothing`/],
    [['completion', 'fish'], /completion takes one of bash, zsh, not `fish`/],
  ];
  for (const [argv, message] of cases) {
    const r = await yip(argv);
    assert.is(r.code, 2, `${argv.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, message);
    assert.is(r.stdout, '');
  }
});

flags('good values are taken: --concurrency, --command-timeout, --log-format json', async () => {
  const dir = tempDir();
  writeTree(dir, { 'a.yaml': 'stages: {default: [{commands: ["sleep 5"]}, {commands: ["true"]}]}\n' });
  const r = await yip(['--concurrency', '2', '--command-timeout', '300ms', '--log-format', 'json', join(dir, 'a.yaml')]);
  assert.is(r.code, 1, r.stderr);
  const lines = r.stderr
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as { level: string; message: string });
  assert.ok(
    lines.some((l) => l.level === 'error' && /sleep 5/.test(l.message)),
    r.stderr,
  );
});

flags('help: yip help, --help, help run-stage, run-stage --help; with the environment and the exit codes', async () => {
  for (const argv of [['help'], ['--help'], ['-h']]) {
    const r = await yip(argv);
    assert.is(r.code, 0);
    assert.match(r.stdout, /^Usage: yip \[-s STAGE\] \[-a\] \[-d\] \[--root DIR\] SOURCE\.\.\./);
    assert.match(r.stdout, /-s, --stage STAGE/);
    assert.match(r.stdout, /Commands[^\n]*:\n\s+run-stage\s/);
    assert.match(r.stdout, /Environment:\n\s+LOGLEVEL[\s\S]*NO_COLOR/);
    assert.match(r.stdout, /Exit status:\n\s+0 [\s\S]*\n\s+2\s+a usage error[\s\S]*\n\s+65\s/);
  }
  for (const argv of [
    ['help', 'run-stage'],
    ['run-stage', '--help'],
  ]) {
    const r = await yip(argv);
    assert.is(r.code, 0);
    assert.match(r.stdout, /^Usage: yip run-stage /);
    assert.match(r.stdout, /--cloud-init-paths PATH/);
    assert.not.match(r.stdout, /--dotnotation/);
  }
  const completionHelp = await yip(['help', 'completion']);
  assert.match(completionHelp.stdout, /^Usage: yip completion bash\|zsh/);
});

flags("version: yip's --version format, and yipts version", async () => {
  for (const argv of [['--version'], ['-v'], ['run-stage', '--version']]) {
    const r = await yip(argv);
    assert.is(r.code, 0);
    assert.match(r.stdout, /^yip version \d+\.\d+\.\d+\n$/);
  }
  const v = await yip(['version']);
  assert.is(v.code, 0);
  assert.match(v.stdout, /^yipts version \d+\.\d+\.\d+\nnode v\d+/);
});

flags('completion scripts and the man page come out of the bundle; the build wrote the same man page', async () => {
  const bash = await yip(['completion', 'bash']);
  assert.is(bash.code, 0);
  assert.match(bash.stdout, /complete -F _yipts yip yipts/);
  assert.match(bash.stdout, /--cloud-init-paths/);
  const zsh = await yip(['completion', 'zsh']);
  assert.match(zsh.stdout, /^#compdef yip yipts/);
  const man = await yip(['man']);
  assert.is(man.code, 0);
  assert.match(man.stdout, /^\.TH YIPTS 1 /);
  assert.is(readFileSync(join(CLI, '../yipts.1'), 'utf8'), man.stdout);
});

flags('-a with a root mounts nothing and creates nothing in it, for yip and run-stage', async () => {
  const root = tempDir();
  writeTree(root, { 'oem/a.yaml': 'stages: {boot: [{files: [{path: /written, content: x}]}]}\n' });
  const before = listing(root);
  const a = await yip(['-a', '-s', 'boot', '--root', root, join(root, 'oem/a.yaml')]);
  assert.is(a.code, 0, a.stderr);
  assert.match(a.stdout, /layer 1:/);
  const s = await yip(['run-stage', '-a', '--root', root, '--no-cmdline', 'boot']);
  assert.is(s.code, 0, s.stderr);
  assert.match(s.stdout, /stage boot from .*oem: 1 file\(s\), 1 step\(s\)/);
  assert.equal(listing(root), before);
  assert.equal(mountsBelow(root), []);
});

flags.run();
