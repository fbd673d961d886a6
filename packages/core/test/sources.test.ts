/** Config sources: directories, files, URLs, text in memory; what is refused and how. */
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { startHttpServer } from '@yipts/test-fixtures';
import { createExecutor } from '../src/index.js';
import { loadSource } from '../src/load/sources.js';
import type { LoadOptions } from '../src/load/sources.js';
import { allSteps, diagnosticsOf, probePlugin, tempDirs } from './helpers.js';

const tmp = tempDirs();
test.after(tmp.cleanup);

const OPTIONS: LoadOptions = { dotNotation: false, fetchTimeoutMs: 5000 };
const step = (tag: string) => `stages:\n  s:\n    - probe: {tag: ${tag}}\n`;

async function tree(files: Record<string, string | Buffer>): Promise<string> {
  const dir = await tmp.make('yipts-sources-');
  for (const [rel, content] of Object.entries(files)) {
    await mkdir(join(dir, rel, '..'), { recursive: true });
    await writeFile(join(dir, rel), content);
  }
  return dir;
}

test('a directory is walked depth-first in byte-wise lexical order, .yaml/.yml files only', async () => {
  const dir = await tree({
    'a.yaml': step('a'),
    'B.yaml': step('B'),
    '10.yaml': step('10'),
    '9.yaml': step('9'),
    'b/z.yaml': step('b/z'),
    'b/a.yml': step('b/a'),
    'b/deeper/x.yaml': step('b/deeper/x'),
    'c.yml': step('c'),
    'd.txt': step('d'),
    'e.yaml.bak': step('e'),
    README: 'not yaml',
    '_.YAML': step('upper-case extension'),
  });
  const files = await loadSource(dir, OPTIONS);
  const rel = files.map((f) => f.file.slice(dir.length + 1));
  assert.equal(rel, ['10.yaml', '9.yaml', 'B.yaml', 'a.yaml', 'b/a.yml', 'b/deeper/x.yaml', 'b/z.yaml', 'c.yml']);
});

test('the steps of a directory run in that order (each file waits for the previous one)', async () => {
  const dir = await tree({
    'a.yaml': step('a'),
    'B.yaml': step('B'),
    '10.yaml': step('10'),
    '9.yaml': step('9'),
    'sub/x.yaml': step('sub'),
  });
  const probe = probePlugin();
  const result = await createExecutor({ plugins: [probe.plugin] }).runStage('s', [dir], { concurrency: 8 });
  assert.ok(result.ok);
  assert.equal(
    probe.calls.map((c) => (c.value as { tag: string }).tag),
    ['10', '9', 'B', 'a', 'sub'],
  );
});

test('a symlink to a yaml file is read; a symlinked directory is not walked', async () => {
  const dir = await tree({ 'real/a.yaml': step('a'), 'other/b.yaml': step('b') });
  const top = await tmp.make('yipts-sources-');
  await symlink(join(dir, 'real/a.yaml'), join(top, 'link.yaml'));
  await symlink(join(dir, 'other'), join(top, 'dirlink'));
  const files = await loadSource(top, OPTIONS);
  assert.equal(
    files.map((f) => f.file),
    [join(top, 'link.yaml')],
  );
  assert.ok(files[0]!.stages.has('s'));
});

test('a single file is read whatever its extension', async () => {
  const dir = await tree({ 'config.txt': step('txt'), noext: step('none') });
  for (const name of ['config.txt', 'noext']) {
    const [file] = await loadSource(join(dir, name), OPTIONS);
    assert.ok(file!.ok, name);
    assert.is(file!.stages.get('s')?.length, 1, name);
  }
});

test('a missing path is "no such file or directory", not YAML text', async () => {
  const dir = await tmp.make();
  const missing = join(dir, 'nope.yaml');
  const [file] = await loadSource(missing, OPTIONS);
  assert.not.ok(file!.ok);
  assert.is(file!.diagnostics.length, 1);
  assert.is(file!.diagnostics[0]!.severity, 'error');
  assert.is(file!.diagnostics[0]!.message, 'no such file or directory');
  assert.is(file!.diagnostics[0]!.file, missing);

  const result = await createExecutor({ plugins: [] }).runStage('s', [missing]);
  assert.not.ok(result.ok, 'a source that cannot be read fails the run');
  assert.ok(diagnosticsOf(result).some((d) => d.message === 'no such file or directory' && d.file === missing));
});

test('binary data or NUL bytes are "not a text file", never given to the YAML parser', async () => {
  const dir = await tree({
    'nul.yaml': Buffer.from('stages:\n  s:\0\n'),
    'gz.yaml': gzipSync(step('x')),
    'latin1.yaml': Buffer.from([0x61, 0x3a, 0x20, 0xe9, 0x0a]),
  });
  const files = await loadSource(dir, OPTIONS);
  assert.is(files.length, 3);
  for (const f of files) {
    assert.not.ok(f.ok, f.file);
    assert.match(f.diagnostics[0]!.message, 'not a text file', f.file);
  }
});

test('an empty file is a warning and gives no steps', async () => {
  const dir = await tree({ 'empty.yaml': '', 'comments.yaml': '# nothing\n' });
  const files = await loadSource(dir, OPTIONS);
  for (const f of files) {
    assert.ok(f.ok);
    assert.is(f.stages.size, 0);
    assert.equal(
      f.diagnostics.map((d) => [d.severity, d.code]),
      [['warning', 'empty']],
    );
  }
});

test('one unparsable file of a directory is skipped with file:line:col; the others still run', async () => {
  const dir = await tree({ '1.yaml': step('one'), '2.yaml': 'stages:\n  s:\n    - probe: {tag: [\n', '3.yaml': step('three') });
  const probe = probePlugin();
  const result = await createExecutor({ plugins: [probe.plugin] }).runStage('s', [dir]);
  assert.equal(
    probe.calls.map((c) => (c.value as { tag: string }).tag),
    ['one', 'three'],
  );
  assert.not.ok(result.ok);
  const error = diagnosticsOf(result).find((d) => d.severity === 'error');
  assert.ok(error);
  assert.is(error!.file, join(dir, '2.yaml'));
  assert.type(error!.line, 'number');
  assert.type(error!.col, 'number');
});

test('a file that is not a mapping is an error naming what it found', async () => {
  const dir = await tree({ 'list.yaml': '- a\n- b\n', 'stages-list.yaml': 'stages: [a]\n' });
  const files = await loadSource(dir, OPTIONS);
  assert.match(files[0]!.diagnostics[0]!.message, 'found sequence');
  assert.match(files[1]!.diagnostics[0]!.message, '`stages` must be a mapping');
  assert.ok(files.every((f) => !f.ok));
});

test('an http URL is fetched from a loopback server; a 404 is an error naming the status', async () => {
  const server = await startHttpServer({ '/config.yaml': step('remote'), '/cloud': '#cloud-config\nruncmd: [echo hi]\n' });
  try {
    const [file] = await loadSource(`${server.url}/config.yaml`, OPTIONS);
    assert.ok(file!.ok);
    assert.is(file!.file, `${server.url}/config.yaml`);
    assert.is(file!.stages.get('s')?.length, 1);

    const [cloud] = await loadSource(`${server.url}/cloud`, OPTIONS);
    assert.ok(cloud!.cloudConfig);
    assert.ok(cloud!.stages.has('boot'));

    const [missing] = await loadSource(`${server.url}/missing.yaml`, OPTIONS);
    assert.not.ok(missing!.ok);
    assert.match(missing!.diagnostics[0]!.message, 'HTTP 404');
    assert.equal(server.hits, ['/config.yaml', '/cloud', '/missing.yaml']);

    const probe = probePlugin();
    const result = await createExecutor({ plugins: [probe.plugin] }).runStage('s', [`${server.url}/config.yaml`]);
    assert.ok(result.ok);
    assert.equal(
      allSteps(result).map((st) => st.id),
      [`${server.url}/config.yaml.0`],
    );
  } finally {
    await server.close();
  }
});

test('a URL that does not answer in time is an error, not a hang', async () => {
  const server = await startHttpServer({ '/slow': () => new Promise<void>(() => {}) });
  try {
    const started = performance.now();
    const [file] = await loadSource(`${server.url}/slow`, { ...OPTIONS, fetchTimeoutMs: 200 });
    assert.ok(performance.now() - started < 3000);
    assert.not.ok(file!.ok);
    assert.match(file!.diagnostics[0]!.message, 'timed out after 200 ms');
  } finally {
    await server.close();
  }
});

test('a refused connection is an error with the reason', async () => {
  const server = await startHttpServer({});
  const url = `${server.url}/x.yaml`;
  await server.close();
  const [file] = await loadSource(url, OPTIONS);
  assert.not.ok(file!.ok);
  assert.match(file!.diagnostics[0]!.message, 'cannot fetch');
  assert.match(file!.diagnostics[0]!.message, 'ECONNREFUSED');
});

test('inline text and in-memory objects are sources too', async () => {
  const [text] = await loadSource({ kind: 'inline', name: 'stdin', text: step('t') }, OPTIONS);
  assert.is(text!.file, 'stdin');
  assert.ok(text!.stages.has('s'));
  const [dot] = await loadSource({ kind: 'inline', name: 'cmdline', text: 'stages.s[0].name=x', dotNotation: true }, OPTIONS);
  assert.is(dot!.stages.get('s')?.length, 1);
  const [obj] = await loadSource({ kind: 'object', name: 'obj', config: { name: 'n', stages: { s: [{ probe: { tag: 'o' } }] } } }, OPTIONS);
  assert.is(obj!.name, 'n');
  assert.is(obj!.stages.get('s')?.length, 1);
});

test('sources of one stage are separate runs: an error in one never stops the next', async () => {
  const dir = await tmp.make();
  const probe = probePlugin();
  const result = await createExecutor({ plugins: [probe.plugin] }).runStage('s', [
    join(dir, 'missing'),
    { kind: 'inline', name: 'ok', text: step('ok') },
  ]);
  assert.is(result.stages.length, 2);
  assert.equal(
    probe.calls.map((c) => c.id),
    ['ok.0'],
  );
});

test.run();
