import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { execFileSync } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { mkdir, mkdtemp, rm, symlink, writeFile, link, chmod, utimes } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { parseChallenge } from '../src/auth.js';
import { hostPlatform, parsePlatform, pickPlatform } from '../src/platform.js';
import { parseReference } from '../src/reference.js';
import { schemeFor } from '../src/registry.js';
import { readTar } from '../src/tar.js';
import type { TarEntry } from '../src/tar.js';
import { buildTar } from './support/tar-build.js';

test('references: Docker Hub short names, hosts with ports, tags and digests', () => {
  const d = `sha256:${'a'.repeat(64)}`;
  assert.equal(parseReference('alpine'), {
    registry: 'registry-1.docker.io',
    repository: 'library/alpine',
    tag: 'latest',
    digest: undefined,
    reference: 'latest',
  });
  assert.equal(parseReference('docker.io/kairos/core:v1').repository, 'kairos/core');
  assert.equal(parseReference('user/app:1.2').registry, 'registry-1.docker.io');
  const local = parseReference(`127.0.0.1:5000/a/b@${d}`);
  assert.equal([local.registry, local.repository, local.tag, local.reference], ['127.0.0.1:5000', 'a/b', undefined, d]);
  assert.equal(parseReference('localhost/x').registry, 'localhost');
  assert.equal(parseReference(`quay.io/x/y:t@${d}`).reference, d);
  assert.throws(() => parseReference(''), /empty/);
  assert.throws(() => parseReference('Quay.io/UPPER'), /not a valid image reference/);
  assert.throws(() => parseReference('x@sha256'), /not a digest/);
});

test('platforms: parsing, the host default, picking from an index', () => {
  assert.equal(parsePlatform('linux/arm/v7'), { os: 'linux', architecture: 'arm', variant: 'v7' });
  assert.throws(() => parsePlatform('amd64'), /os\/arch/);
  assert.equal(hostPlatform().os, 'linux');
  if (process.arch === 'x64') assert.equal(hostPlatform().architecture, 'amd64');
  const entries = [
    { id: 1, platform: { os: 'linux', architecture: 'arm', variant: 'v6' } },
    { id: 2, platform: { os: 'linux', architecture: 'arm', variant: 'v7' } },
    { id: 3, platform: { os: 'linux', architecture: 'amd64' } },
    { id: 4 },
  ];
  assert.is(pickPlatform(entries, parsePlatform('linux/arm/v7'))?.id, 2);
  assert.is(pickPlatform(entries, parsePlatform('linux/arm'))?.id, 1);
  assert.is(pickPlatform(entries, parsePlatform('linux/amd64'))?.id, 3);
  assert.is(pickPlatform(entries, parsePlatform('linux/s390x')), undefined);
});

test('http only for loopback registries and the ones said insecure', () => {
  assert.is(schemeFor('127.0.0.1:5000', []), 'http');
  assert.is(schemeFor('localhost:5000', []), 'http');
  assert.is(schemeFor('registry.lan:5000', []), 'https');
  assert.is(schemeFor('registry.lan:5000', ['registry.lan:5000']), 'http');
  assert.is(schemeFor('10.0.0.1', []), 'https');
});

test('WWW-Authenticate challenges', () => {
  assert.equal(parseChallenge('Bearer realm="https://auth.example/token",service="reg",scope="repository:a/b:pull"'), {
    scheme: 'bearer',
    params: { realm: 'https://auth.example/token', service: 'reg', scope: 'repository:a/b:pull' },
  });
  assert.equal(parseChallenge('Basic realm="x"').scheme, 'basic');
});

async function collect(entries: AsyncIterable<TarEntry>) {
  const out: Record<string, Omit<TarEntry, 'body'> & { data: string }> = {};
  for await (const e of entries) {
    const chunks: Buffer[] = [];
    for await (const c of e.body) chunks.push(c);
    const { body: _body, ...rest } = e;
    out[e.name] = { ...rest, data: Buffer.concat(chunks).toString() };
  }
  return out;
}

for (const format of ['gnu', 'pax', 'ustar'] as const) {
  test(`tar reader reads what GNU tar writes (--format=${format})`, async () => {
    const dir = await mkdtemp(join(tmpdir(), 'yipts-unpack-tar-'));
    try {
      const src = join(dir, 'src');
      const deep = `d/${'long-directory-name-'.repeat(4)}`;
      const longFile = `${'f'.repeat(90)}.txt`; // with its directory, beyond ustar's 100-byte name field
      await mkdir(join(src, deep), { recursive: true });
      await writeFile(join(src, deep, longFile), 'deep content');
      await writeFile(join(src, 'tool'), Buffer.alloc(70_000, 'x'));
      await chmod(join(src, 'tool'), 0o4755);
      await utimes(join(src, 'tool'), 1_600_000_000, 1_600_000_000);
      await symlink(`../${'t'.repeat(120)}`, join(src, 'longlink'));
      await link(join(src, 'tool'), join(src, 'tool-hard'));
      const archive = join(dir, 'a.tar');
      const longName = format !== 'ustar';
      execFileSync('tar', [
        '-C',
        src,
        `--format=${format}`,
        '--owner=1234',
        '--group=5678',
        '--numeric-owner',
        '-cf',
        archive,
        'tool',
        'tool-hard',
        ...(longName ? ['longlink', 'd'] : ['d']),
      ]);
      const got = await collect(readTar(createReadStream(archive)));
      const tool = got.tool!;
      assert.equal(
        [tool.type, tool.mode, tool.uid, tool.gid, tool.mtime, tool.data.length],
        ['file', 0o4755, 1234, 5678, 1_600_000_000, 70_000],
      );
      assert.equal([got['tool-hard']?.type, got['tool-hard']?.linkname], ['hardlink', 'tool']);
      assert.is(got[`${deep}/${longFile}`]?.data, 'deep content');
      assert.is(got[`${deep}/`]?.type ?? got[deep]?.type, 'directory');
      if (longName) assert.equal([got.longlink?.type, got.longlink?.linkname], ['symlink', `../${'t'.repeat(120)}`]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
}

for (const format of ['gnu', 'pax'] as const) {
  test(`tar reader: ids beyond the octal fields and long names (--format=${format}: ${format === 'gnu' ? 'base-256' : 'pax records'})`, async () => {
    const dir = await mkdtemp(join(tmpdir(), 'yipts-unpack-tar-'));
    try {
      const name = `${'n'.repeat(150)}/${'m'.repeat(120)}.conf`;
      await mkdir(join(dir, 'src', 'n'.repeat(150)), { recursive: true });
      await writeFile(join(dir, 'src', name), 'far away');
      await utimes(join(dir, 'src', name), 1_700_000_000.25, 1_700_000_000.25);
      const archive = join(dir, 'ids.tar');
      execFileSync('tar', [
        '-C',
        join(dir, 'src'),
        `--format=${format}`,
        '--owner=3000000',
        '--group=4000000',
        '--numeric-owner',
        '-cf',
        archive,
        name,
      ]);
      const got = (await collect(readTar(createReadStream(archive))))[name];
      assert.ok(got, 'the long name is read whole');
      assert.equal([got!.type, got!.uid, got!.gid, got!.data], ['file', 3_000_000, 4_000_000, 'far away']);
      assert.is(got!.mtime, format === 'pax' ? 1_700_000_000.25 : 1_700_000_000);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
}

async function rejects(promise: Promise<unknown>, pattern: RegExp): Promise<void> {
  try {
    await promise;
  } catch (error) {
    assert.match((error as Error).message, pattern);
    return;
  }
  assert.unreachable(`expected an error matching ${pattern}`);
}

test('tar reader: a damaged header is an error, not garbage', async () => {
  const tar = buildTar([{ name: 'a', content: 'x' }]);
  tar[10] = 0x41;
  await rejects(collect(readTar(Readable.from([tar]))), /checksum/);
  const cut = buildTar([{ name: 'a', content: 'x'.repeat(2000) }]).subarray(0, 1024);
  await rejects(collect(readTar(Readable.from([cut]))), /truncated/);
});

test.run();
