/**
 * `yip validate`: every stage of every file, findings with positions, an exit status a CI job can
 * fail on, three formats; run as an unprivileged user and without mounting anything.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { corpusYamlFiles } from '../fixtures/corpus.js';
import { cliCommand, REPO, yip } from '../helpers/cli.js';
import { removeTempDirs, tempDir, writeTree } from '../helpers/tmp.js';

const validate = suite('yip validate');
validate.after.each(() => removeTempDirs());

const GOOD = `name: good
stages:
  boot:
    - name: hello
      commands: ["echo hi"]
  fs:
    - files:
        - path: /tmp/never-written
          content: x
          permissions: 0644
`;

// A mistake in each of two stages other than `default`, and a cycle in a third.
const BAD = `name: bad
stages:
  boot:
    - name: a
      files:
        - path: /tmp/y
          permsisions: 0644
  initramfs:
    - name: b
      commands: 5
  network:
    - name: c
      after: [{name: d}]
      commands: ["true"]
    - name: d
      after: [{name: c}]
      commands: ["true"]
`;

const CLOUD_CONFIG_BAD = '#cloud-config\nruncmd: notalist: [\n';

function files(): string {
  const nested = GOOD.replace('name: good', 'name: nested');
  return writeTree(tempDir(), { 'good.yaml': GOOD, 'bad.yaml': BAD, 'cc.yaml': CLOUD_CONFIG_BAD, 'conf.d/nested.yml': nested });
}

validate('good files: nothing to say, exit 0, even with --strict', async () => {
  const dir = files();
  const r = await yip(['validate', '--strict', join(dir, 'good.yaml'), join(dir, 'conf.d')]);
  assert.is(r.code, 0, r.stderr);
  assert.is(r.stdout, '');
  assert.match(r.stderr, /0 error\(s\), 0 warning\(s\)/);
});

validate('bad files: every stage is checked; file:line:col, did-you-mean, wrong type, a cycle; exit 1', async () => {
  const dir = files();
  const bad = join(dir, 'bad.yaml');
  const r = await yip(['validate', bad]);
  assert.is(r.code, 1, r.stderr);
  const lines = r.stdout.trimEnd().split('\n');
  assert.ok(lines.includes(`${bad}:7:11: warning: unknown key \`permsisions\` is ignored; did you mean \`permissions\`?`), r.stdout);
  assert.ok(lines.includes(`${bad}:10:17: error: \`commands\`: expected a list, found number`), r.stdout);
  assert.ok(
    lines.some((l) => l.startsWith(`${bad}:12:7: error: dependency cycle of 2 steps`)),
    r.stdout,
  );
  // Each finding once, though the file takes part in three stages.
  assert.is(new Set(lines).size, lines.length, r.stdout);
});

validate('a #cloud-config file that does not parse is an error at its position', async () => {
  const dir = files();
  const r = await yip(['validate', join(dir, 'cc.yaml')]);
  assert.is(r.code, 1, r.stderr);
  assert.match(r.stdout, new RegExp(`^${join(dir, 'cc.yaml')}:2:\\d+: error: `, 'm'));
});

validate('a directory is walked as a run walks it: the bad file inside fails it, the good ones say nothing', async () => {
  const dir = files();
  const r = await yip(['validate', dir]);
  assert.is(r.code, 1, r.stderr);
  assert.match(r.stdout, /bad\.yaml:10:17: error: /);
  assert.match(r.stdout, /cc\.yaml:2:\d+: error: /);
  assert.not.match(r.stdout, /good\.yaml|nested\.yml/);
});

validate('a URL is an error: validate reads local files only, and the local sources are still checked', async () => {
  const dir = files();
  const r = await yip(['validate', 'http://127.0.0.1:9/config.yaml', join(dir, 'bad.yaml')]);
  assert.is(r.code, 1, r.stderr);
  assert.match(r.stdout, /^http:\/\/127\.0\.0\.1:9\/config\.yaml: error: validate reads local files only/m);
  assert.match(r.stdout, /bad\.yaml:10:17: error: /);
});

validate('--format json: one finding a line with file, line, col, severity, code, message', async () => {
  const dir = files();
  const r = await yip(['validate', '--format', 'json', join(dir, 'bad.yaml')]);
  assert.is(r.code, 1, r.stderr);
  const findings = r.stdout
    .trimEnd()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
  assert.equal(findings[0], {
    file: join(dir, 'bad.yaml'),
    line: 7,
    col: 11,
    severity: 'warning',
    code: 'unknown-key',
    message: 'unknown key `permsisions` is ignored; did you mean `permissions`?',
  });
  assert.equal(
    findings.map((f) => f.code),
    ['unknown-key', 'type', 'cycle', 'cycle'],
  );
});

validate('--format github: workflow annotations; --strict makes warnings errors', async () => {
  const dir = files();
  const bad = join(dir, 'bad.yaml');
  const r = await yip(['validate', '--format', 'github', bad]);
  assert.is(r.code, 1, r.stderr);
  const first = r.stdout.split('\n')[0]!;
  const message = 'unknown key `permsisions` is ignored; did you mean `permissions`?';
  assert.is(first, `::warning file=${bad},line=7,col=11,title=yip validate%3A unknown-key::${message}`);
  assert.match(r.stdout, new RegExp(`^::error file=${bad},line=10,col=17,.*::\`commands\`: expected a list`, 'm'));
  const strict = await yip(['validate', '--strict', '--format', 'github', bad]);
  assert.match(strict.stdout.split('\n')[0]!, /^::error file=.*line=7,col=11/);
});

validate('every corpus file: no error; the known `permsisions` mistakes are warnings (exit 0), errors with --strict', async () => {
  const corpus = corpusYamlFiles();
  const r = await yip(['validate', ...corpus]);
  assert.is(r.code, 0, r.stdout + r.stderr);
  assert.not.match(r.stdout, /: error: /);
  const typo = /: warning: unknown key `permsisions` is ignored; did you mean `permissions`\?$/;
  const typos = r.stdout.split('\n').filter((l) => typo.test(l));
  assert.ok(typos.length >= 3, r.stdout);
  const strict = await yip(['validate', '--strict', ...corpus]);
  assert.is(strict.code, 1, strict.stderr);
});

validate('runs as an unprivileged user and mounts nothing (the mount table of its namespace is unchanged)', async () => {
  const dir = files();
  chmodSync(dir, 0o755);
  const before = join(dir, 'before');
  const after = join(dir, 'after');
  const yipCommand = [...cliCommand(), 'validate', join(dir, 'bad.yaml'), join(dir, 'good.yaml')].map((a) => `'${a}'`).join(' ');
  // A private mount namespace: mounts made elsewhere on the machine meanwhile are not seen.
  const script =
    `cat /proc/self/mountinfo > ${before}; setpriv --reuid=65534 --regid=65534 --clear-groups ${yipCommand}; rc=$?; ` +
    `cat /proc/self/mountinfo > ${after}; exit $rc`;
  const r = spawnSync('unshare', ['--mount', '--propagation', 'private', 'sh', '-c', script], { cwd: REPO, encoding: 'utf8' });
  assert.is(r.status, 1, r.stderr);
  assert.match(r.stdout, /bad\.yaml:10:17: error: /);
  assert.not.match(r.stderr, /EACCES|EPERM|permission denied/i);
  assert.is(readFileSync(after, 'utf8'), readFileSync(before, 'utf8'));
});

validate('usage: no source is a usage error; --format github is not a format of plan', async () => {
  const none = await yip(['validate']);
  assert.is(none.code, 2);
  assert.match(none.stderr, /no source given/);
  const plan = await yip(['plan', '--format', 'github', 'x.yaml']);
  assert.is(plan.code, 1);
  assert.match(plan.stderr, /--format github is a format of yip validate/);
});

validate.run();
