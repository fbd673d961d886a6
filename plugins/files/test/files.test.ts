/** `files`: decoded, rendered, written atomically inside the root with mode and owner. */
import { existsSync } from 'node:fs';
import { mkdir, readFile, stat, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import filesPlugin, { DEFAULT_FILE_MODE, PLUGIN_NAME } from '../src/index.js';
import { tempDirs } from '@yipts/testing';
import { assertModes, fakeTemplates, listTree, makeRoot, modeOf, oneStep, runFiles, stepOk } from './helpers.js';

// Ownership needs root: elsewhere these tests show up as skipped in the closing count, never as passed.
const asRoot = process.getuid?.() === 0 ? test : test.skip;

const tmp = tempDirs('yipts-files-');
test.after(tmp.cleanup);

test('the plugin names itself and handles `files` and `directories`', () => {
  const p = filesPlugin();
  assert.is(p.name, PLUGIN_NAME);
  assert.is(PLUGIN_NAME, 'files');
  assert.equal(Object.keys(p.actions ?? {}).sort(), ['directories', 'files']);
  assert.is(DEFAULT_FILE_MODE, 0o644);
});

test('content is written as is, with no newline added, inside the root', async () => {
  const root = await makeRoot(tmp);
  const steps = await runFiles(
    oneStep(
      'files',
      '        - path: /etc/motd\n          content: "no newline"\n        - path: /etc/block\n          content: |\n            line 1\n            line 2\n',
    ),
    root,
  );
  assert.is(steps[0]!.status, 'ok', JSON.stringify(steps[0]!.errors));
  assert.is(await readFile(join(root, 'etc/motd'), 'utf8'), 'no newline');
  assert.is(await readFile(join(root, 'etc/block'), 'utf8'), 'line 1\nline 2\n');
});

test('every encoding: base64 and b64, gzip and gz, gzip over base64 in its four spellings, anything else raw', async () => {
  const root = await makeRoot(tmp);
  const text = 'decoded {{ .Name }}\n';
  const b64 = Buffer.from(text).toString('base64');
  const gzb64 = gzipSync(text).toString('base64');
  const entries = [
    { path: '/raw', content: text },
    { path: '/b64', content: b64, encoding: 'b64' },
    { path: '/base64', content: b64.replace(/(.{8})/g, '$1\n'), encoding: 'base64' },
    { path: '/gz', content: gzipSync(text).toString('latin1'), encoding: 'gz' },
    { path: '/gzip', content: gzipSync(text).toString('latin1'), encoding: 'GZIP' },
    { path: '/gz+base64', content: gzb64, encoding: 'gz+base64' },
    { path: '/gzip+base64', content: gzb64, encoding: 'gzip+base64' },
    { path: '/gz+b64', content: gzb64, encoding: 'gz+b64' },
    { path: '/gzip+b64', content: gzb64, encoding: 'gzip+b64' },
    { path: '/other', content: b64, encoding: 'rot13' },
  ];
  const t = fakeTemplates();
  const steps = await runFiles({ stages: { s: [{ files: entries }] } }, root, [t.plugin]);
  assert.equal(steps[0]!.errors, []);
  for (const e of entries.slice(0, -1)) assert.is(await readFile(join(root, e.path), 'utf8'), 'decoded world\n', e.path);
  assert.is(await readFile(join(root, 'other'), 'utf8'), b64, 'an unknown encoding is raw text');
});

test('gzip bytes written with YAML escapes in a double-quoted string decode too', async () => {
  const root = await makeRoot(tmp);
  const escaped = [...gzipSync('from yaml')].map((b) => `\\x${b.toString(16).padStart(2, '0')}`).join('');
  await stepOk(root, 'files', `        - path: /f\n          encoding: gz\n          content: "${escaped}"\n`);
  assert.is(await readFile(join(root, 'f'), 'utf8'), 'from yaml');
});

test('decoded text is rendered as a template; binary content is written byte for byte, never rendered', async () => {
  const root = await makeRoot(tmp);
  const binary = Buffer.concat([Buffer.from([0xff, 0xfe, 0x00, 0x80]), Buffer.from('{{ .Name }}')]);
  const t = fakeTemplates();
  const steps = await runFiles(
    {
      stages: {
        s: [
          {
            files: [
              { path: '/bin.dat', content: binary.toString('base64'), encoding: 'base64' },
              { path: '/text', content: 'hello {{ .Name }}' },
            ],
          },
        ],
      },
    },
    root,
    [t.plugin],
  );
  assert.equal(steps[0]!.errors, []);
  assert.ok((await readFile(join(root, 'bin.dat'))).equals(binary));
  assert.is(await readFile(join(root, 'text'), 'utf8'), 'hello world');
  assert.equal(t.rendered, ['hello {{ .Name }}']);
});

test('modes: missing means 0644, explicit 0 means 0000, 0600 and "0755" as written', async () => {
  const root = await makeRoot(tmp);
  const steps = await runFiles(
    oneStep(
      'files',
      '        - {path: /default}\n        - {path: /zero, permissions: 0}\n        - {path: /private, permissions: 0600}\n        - {path: /exec, permissions: "0755"}\n        - {path: /decimal, permissions: 420}\n',
    ),
    root,
  );
  assert.equal(steps[0]!.errors, []);
  await assertModes(root, {
    default: '0644',
    zero: '0000',
    private: '0600',
    exec: '0755',
    decimal: '0644',
  });
});

test("a missing parent gets the file's mode plus owner-execute (0640 → 0740); an existing parent is left alone", async () => {
  const root = await makeRoot(tmp);
  await mkdir(join(root, 'opt'), { mode: 0o711 });
  const steps = await runFiles(
    oneStep(
      'files',
      '        - {path: /opt/a/b/c.conf, permissions: 0640, content: x}\n        - {path: /srv/d.conf, permissions: 0, content: y}\n',
    ),
    root,
  );
  assert.equal(steps[0]!.errors, []);
  await assertModes(root, {
    opt: '0711',
    'opt/a': '0740',
    'opt/a/b': '0740',
    'opt/a/b/c.conf': '0640',
    srv: '0100',
  });
});

test('an existing file is replaced: new content, new mode, no temporary file left anywhere', async () => {
  const root = await makeRoot(tmp);
  await writeFile(join(root, 'etc/conf'), 'old content, longer than the new', { mode: 0o666 });
  await stepOk(root, 'files', '        - {path: /etc/conf, content: new, permissions: 0600}\n');
  assert.is(await readFile(join(root, 'etc/conf'), 'utf8'), 'new');
  assert.is(await modeOf(join(root, 'etc/conf')), 0o600);
  assert.equal(await listTree(root), ['etc', 'etc/conf', 'etc/group', 'etc/passwd']);
});

asRoot("ownerstring is resolved in the root's /etc/passwd and /etc/group, and wins over owner/group", async () => {
  const root = await makeRoot(tmp);
  const steps = await runFiles(
    oneStep(
      'files',
      '        - {path: /a, ownerstring: "kairos:admin"}\n        - {path: /b, ownerstring: daemon, owner: 7, group: 8}\n        - {path: /c, owner: 1234, group: 5678}\n        - {path: /d, owner_string: "4000:4001"}\n        - {path: /e}\n        - {path: /f, owner: 55}\n',
    ),
    root,
  );
  assert.equal(steps[0]!.errors, []);
  const ids = async (p: string) => {
    const st = await stat(join(root, p));
    return [st.uid, st.gid];
  };
  assert.equal(await ids('a'), [1000, 1500]);
  assert.equal(await ids('b'), [4242, 4343], "the root's daemon, not the host's");
  assert.equal(await ids('c'), [1234, 5678]);
  assert.equal(await ids('d'), [4000, 4001]);
  assert.equal(await ids('e'), [0, 0]);
  assert.equal(await ids('f'), [55, 0]);
});

test('a failing entry is an error naming its path; the next entries are still written', async () => {
  const root = await makeRoot(tmp);
  const steps = await runFiles(
    oneStep(
      'files',
      '        - {path: /first, content: "1"}\n        - {path: /nobody, ownerstring: "ghost:admin", content: x}\n        - {path: /badb64, encoding: base64, content: "not*base64!"}\n        - {content: "no path"}\n        - {path: /last, content: "2"}\n',
    ),
    root,
  );
  const errors = steps[0]!.errors;
  assert.equal(
    errors.map((e) => e.plugin),
    ['files', 'files', 'files'],
  );
  assert.match(errors[0]!.reason, 'file /nobody: unknown user `ghost`');
  assert.match(errors[1]!.reason, 'file /badb64: content is not valid base64');
  assert.match(errors[2]!.reason, 'no `path`');
  assert.is(await readFile(join(root, 'first'), 'utf8'), '1');
  assert.is(await readFile(join(root, 'last'), 'utf8'), '2');
  assert.not.ok(existsSync(join(root, 'nobody')), 'nothing written for a failed entry');
  assert.equal(
    (await listTree(root)).filter((p) => p.includes('yipts')),
    [],
  );
});

test('writes stay inside the root, even through absolute or climbing symlinks', async () => {
  const root = await makeRoot(tmp);
  const outside = await tmp.make('yipts-files-outside-');
  await symlink('/', join(root, 'hostroot'));
  await symlink(outside, join(root, 'etc/outside'));
  await symlink(`../../../../../../..${outside}`, join(root, 'climb'));
  await symlink(join(outside, 'target'), join(root, 'etc/file-link'));
  const steps = await runFiles(
    oneStep(
      'files',
      `        - {path: /hostroot${outside}/a, content: x}\n        - {path: /etc/outside/b, content: x}\n        - {path: /climb/c, content: x}\n        - {path: /etc/file-link, content: x}\n        - {path: /../../../../d, content: x}\n        - {path: etc/relative, content: x}\n        - {path: /nowhere/../hostroot${outside}/e, content: x}\n`,
    ),
    root,
  );
  assert.equal(steps[0]!.errors, []);
  assert.equal(await listTree(outside), [], 'nothing outside the root');
  assert.is(await readFile(join(root, outside, 'a'), 'utf8'), 'x');
  assert.is(await readFile(join(root, outside, 'b'), 'utf8'), 'x');
  assert.is(await readFile(join(root, outside, 'c'), 'utf8'), 'x');
  assert.is(await readFile(join(root, outside, 'target'), 'utf8'), 'x', 'a link to a file is followed inside the root');
  assert.is(await readFile(join(root, 'd'), 'utf8'), 'x');
  assert.is(await readFile(join(root, 'etc/relative'), 'utf8'), 'x');
  assert.is(await readFile(join(root, outside, 'e'), 'utf8'), 'x', 'a missing component, `..`, then a link');
});

test('`directories` runs before `files` in one step, whatever the YAML order', async () => {
  const root = await makeRoot(tmp);
  const steps = await runFiles(
    'stages:\n  s:\n    - files: [{path: /data/f, content: x}]\n      directories: [{path: /data, permissions: 0700}]\n',
    root,
  );
  assert.equal(steps[0]!.errors, []);
  assert.is(await modeOf(join(root, 'data')), 0o700, 'made by directories with its own mode, not 0744 by files');
});

test.run();
