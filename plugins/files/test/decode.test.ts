/** Content encodings, byte level. */
import { gzipSync } from 'node:zlib';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { decodeContent } from '../src/index.js';

async function rejects(promise: Promise<unknown>, pattern?: RegExp): Promise<void> {
  try {
    await promise;
  } catch (error) {
    if (pattern) assert.match((error as Error).message, pattern);
    return;
  }
  assert.unreachable('expected a rejection');
}

test('no encoding, or an unknown one, is the UTF-8 text as written', async () => {
  assert.is((await decodeContent('héllo', undefined)).toString('utf8'), 'héllo');
  assert.is((await decodeContent('aGk=', '')).toString('utf8'), 'aGk=');
  assert.is((await decodeContent('aGk=', 'hex')).toString('utf8'), 'aGk=');
});

test('base64 tolerates line breaks and the URL-safe alphabet; encodings are case-insensitive', async () => {
  const data = Buffer.from([0xfb, 0xff, 0xbf, 0x00, 0x41]);
  const std = data.toString('base64');
  assert.ok((await decodeContent(std, 'base64')).equals(data));
  assert.ok((await decodeContent(`${std.slice(0, 3)}\n  ${std.slice(3)}\n`, 'B64')).equals(data));
  assert.ok((await decodeContent(data.toString('base64url'), 'b64')).equals(data));
});

test('invalid base64 is an error, not garbage', async () => {
  await rejects(decodeContent('not base64!', 'base64'), /not valid base64/);
  await rejects(decodeContent('****', 'gz+b64'), /not valid base64/);
});

test('gzip, raw (latin1 text) or over base64', async () => {
  const gz = gzipSync('payload');
  assert.is((await decodeContent(gz.toString('latin1'), 'gzip')).toString(), 'payload');
  assert.is((await decodeContent(gz.toString('base64'), ' Gzip+Base64 ')).toString(), 'payload');
});

test('content that is not gzip under a gzip encoding is an error', async () => {
  await rejects(decodeContent('plain text', 'gz'));
  await rejects(decodeContent(Buffer.from('plain').toString('base64'), 'gz+base64'));
});

test.run();
