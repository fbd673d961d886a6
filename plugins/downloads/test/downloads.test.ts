import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startHttpServer } from '@yipts/test-fixtures';
import type { TestHttpServer } from '@yipts/test-fixtures';
import downloadsPlugin, { parseChecksum } from '../src/index.js';
import type { DownloadsOptions } from '../src/index.js';
import { runYaml } from '@yipts/testing';

const BODY = Buffer.from('#!/bin/sh\necho downloaded\n'.repeat(2000));
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const FAST: DownloadsOptions = { backoffMs: 10, maxBackoffMs: 20 };

let server: TestHttpServer;
let flaky = 0;
let root: string;

test.before(async () => {
  server = await startHttpServer({
    '/tool.sh': BODY,
    '/flaky.sh': (_req, res) => {
      flaky++;
      if (flaky <= 2) res.writeHead(503, 'Service Unavailable').end('busy');
      else res.writeHead(200, { 'content-length': BODY.length }).end(BODY);
    },
    '/always-500': (_req, res) => void res.writeHead(500).end('broken'),
    '/hang': () => {
      // never answers: the client's time limit must end it
    },
    '/stall': (_req, res) => {
      res.writeHead(200, { 'content-length': 1000 });
      res.write('a few bytes, then silence');
    },
    '/truncated': (req, res) => {
      res.writeHead(200, { 'content-length': 1000 });
      res.end('only this much');
      req.socket.destroy();
    },
    '/named': (_req, res) =>
      void res.writeHead(200, { 'content-disposition': 'attachment; filename="../../from-header.bin"' }).end('by header'),
  });
});

test.after(async () => {
  await server.close();
});

test.before.each(async () => {
  root = await mkdtemp(join(tmpdir(), 'yipts-downloads-root-'));
  await mkdir(join(root, 'etc'));
  await writeFile(join(root, 'etc/passwd'), 'root:x:0:0:root:/root:/bin/sh\nkairos:x:1000:1000::/home/kairos:/bin/sh\n');
  await writeFile(join(root, 'etc/group'), 'root:x:0:\nkairos:x:1000:\nadmin:x:1500:\n');
  server.hits.length = 0;
});

test.after.each(async () => {
  await rm(root, { recursive: true, force: true });
});

const yaml = (entries: string) => `stages:\n  boot:\n    - downloads:\n${entries}`;
const entry = (fields: Record<string, string | number>) =>
  Object.entries(fields)
    .map(([k, v], i) => `${i === 0 ? '        - ' : '          '}${k}: ${typeof v === 'string' ? JSON.stringify(v) : v}\n`)
    .join('');
/** Runs one `downloads` step of these entries in the suite's root. */
const runDownloads = (entries: string, options: DownloadsOptions = FAST) =>
  runYaml(yaml(entries), { plugins: [downloadsPlugin(options)], root, stage: 'boot' });
const leftovers = async (dir: string) => (await readdir(dir)).filter((n) => n.includes('yipts-download'));

test('checksums: ALGO:HEX parsed, nonsense refused', () => {
  assert.equal(parseChecksum(`SHA256:${'A'.repeat(64)}`), { algorithm: 'sha256', hex: 'a'.repeat(64) });
  assert.throws(() => parseChecksum('sha256:abc'), /64 hex digits/);
  assert.throws(() => parseChecksum('crc32:abcd'), /ALGO:HEX/);
});

test('success: content, default mode 0644, root-owned; missing parents created', async () => {
  const run = await runDownloads(entry({ url: `${server.url}/tool.sh`, path: '/opt/bin/tool.sh', checksum: `sha256:${sha256(BODY)}` }));
  assert.equal(run.errors, []);
  const file = join(root, 'opt/bin/tool.sh');
  assert.ok((await readFile(file)).equals(BODY));
  const info = await stat(file);
  assert.is(info.mode & 0o7777, 0o644);
  assert.is(info.uid, 0);
  assert.equal(await leftovers(join(root, 'opt/bin')), []);
});

test('permissions and ownerstring (looked up in the root) are applied', async () => {
  const run = await runDownloads(
    entry({ url: `${server.url}/tool.sh`, path: '/home/tool', permissions: '0750', ownerstring: 'kairos:admin' }),
  );
  assert.equal(run.errors, []);
  const info = await stat(join(root, 'home/tool'));
  assert.is(info.mode & 0o7777, 0o750);
  assert.equal([info.uid, info.gid], [1000, 1500]);
});

test('a directory target takes the file name from the URL, or from Content-Disposition (reduced to a name)', async () => {
  await mkdir(join(root, 'srv'));
  const run = await runDownloads(
    entry({ url: `${server.url}/tool.sh?x=1`, path: '/srv' }) + entry({ url: `${server.url}/named`, path: '/srv/' }),
  );
  assert.equal(run.errors, []);
  assert.ok((await readFile(join(root, 'srv/tool.sh'))).equals(BODY));
  assert.is(await readFile(join(root, 'srv/from-header.bin'), 'utf8'), 'by header');
});

test('checksum mismatch: an error, no file left, an existing file untouched', async () => {
  await mkdir(join(root, 'opt'));
  await writeFile(join(root, 'opt/old.sh'), 'previous version');
  const wrong = 'b'.repeat(64);
  const run = await runDownloads(
    entry({ url: `${server.url}/tool.sh`, path: '/opt/new.sh', checksum: `sha256:${wrong}` }) +
      entry({ url: `${server.url}/tool.sh`, path: '/opt/old.sh', checksum: `sha256:${wrong}` }),
  );
  assert.is(run.errors.length, 2);
  assert.match(
    run.errors[0]!.message,
    new RegExp(`download ${server.url}/tool.sh to /opt/new.sh: checksum mismatch: expected sha256:${wrong}, got sha256:${sha256(BODY)}`),
  );
  assert.is(await stat(join(root, 'opt/new.sh')).catch(() => null), null);
  assert.is(await readFile(join(root, 'opt/old.sh'), 'utf8'), 'previous version');
  assert.equal(await leftovers(join(root, 'opt')), []);
  assert.is(server.hits.length, 2, 'a mismatch is not retried');
});

test('timeout: a server that never answers fails the entry after `timeout` seconds', async () => {
  const t0 = performance.now();
  const run = await runDownloads(entry({ url: `${server.url}/hang`, path: '/opt/hang', timeout: 1, retries: 0 }));
  const ms = performance.now() - t0;
  assert.is(run.errors.length, 1);
  assert.match(run.errors[0]!.message, /\/opt\/hang: timed out after 1000 ms/);
  assert.ok(ms >= 950 && ms < 5000, `took ${ms} ms`);
  assert.is(await stat(join(root, 'opt/hang')).catch(() => null), null);
});

test('a stalled transfer fails on the idle limit and leaves no partial file', async () => {
  const run = await runDownloads(entry({ url: `${server.url}/stall`, path: '/opt/stall', retries: 1 }), { ...FAST, idleTimeoutMs: 300 });
  assert.is(run.errors.length, 1);
  assert.match(run.errors[0]!.message, /no data for 300 ms \(attempt 2 of 2\)/);
  assert.is(server.hits.length, 2);
  assert.equal(await readdir(join(root, 'opt')), []);
});

test('404: an error with the status, not retried', async () => {
  const run = await runDownloads(entry({ url: `${server.url}/missing`, path: '/opt/missing', retries: 3 }));
  assert.is(run.errors.length, 1);
  assert.match(run.errors[0]!.message, /\/opt\/missing: HTTP 404 Not Found$/);
  assert.is(server.hits.length, 1);
});

test('retries: 503 twice then 200 succeeds on the third attempt; exhausted retries report the last failure', async () => {
  flaky = 0;
  const run = await runDownloads(entry({ url: `${server.url}/flaky.sh`, path: '/opt/flaky.sh', retries: 2 }));
  assert.equal(run.errors, []);
  assert.is(flaky, 3);
  assert.ok((await readFile(join(root, 'opt/flaky.sh'))).equals(BODY));
  assert.is(run.logs.filter((l) => l.level === 'warning' && /HTTP 503/.test(l.message)).length, 2);

  server.hits.length = 0;
  const failed = await runDownloads(entry({ url: `${server.url}/always-500`, path: '/opt/x', retries: 1 }));
  assert.is(failed.errors.length, 1);
  assert.match(failed.errors[0]!.message, /HTTP 500 Internal Server Error \(attempt 2 of 2\)/);
  assert.is(server.hits.length, 2);
});

test('a transfer cut short is detected against Content-Length', async () => {
  const run = await runDownloads(entry({ url: `${server.url}/truncated`, path: '/opt/t', retries: 0 }));
  assert.is(run.errors.length, 1);
  assert.match(run.errors[0]!.message, /\/opt\/t: (the transfer ended after \d+ of 1000 bytes|transfer cut: .+)/);
  assert.is(await stat(join(root, 'opt/t')).catch(() => null), null);
});

test('bad entries: each one is an error naming it, the next entries still run', async () => {
  const entries =
    entry({ path: '/opt/a' }) +
    entry({ url: 'ftp://example.invalid/x', path: '/opt/b' }) +
    entry({ url: `${server.url}/tool.sh`, path: '/opt/c', checksum: 'sha256:zz' }) +
    entry({ url: `${server.url}/tool.sh`, path: '/opt/d', ownerstring: 'nobody-here' }) +
    entry({ url: `${server.url}/tool.sh`, path: '/opt/ok' });
  const run = await runDownloads(entries);
  assert.is(run.errors.length, 4);
  assert.match(run.errors[0]!.message, /to \/opt\/a: the entry has no `url`/);
  assert.match(run.errors[1]!.message, /to \/opt\/b: only http and https/);
  assert.match(run.errors[2]!.message, /to \/opt\/c: checksum `sha256:zz`/);
  assert.match(run.errors[3]!.message, /to \/opt\/d: unknown user `nobody-here`/);
  assert.ok((await readFile(join(root, 'opt/ok'))).equals(BODY));
});

test.run();
