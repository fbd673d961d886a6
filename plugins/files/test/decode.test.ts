/** Content encodings, byte level. */
import { gzipSync } from 'node:zlib';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { decodeContent } from '../src/index.js';

test('no encoding, or an unknown one, is the UTF-8 text as written', () => {
  assert.is(decodeContent('héllo', undefined).toString('utf8'), 'héllo');
  assert.is(decodeContent('aGk=', '').toString('utf8'), 'aGk=');
  assert.is(decodeContent('aGk=', 'hex').toString('utf8'), 'aGk=');
});

test('base64 tolerates line breaks and the URL-safe alphabet; encodings are case-insensitive', () => {
  const data = Buffer.from([0xfb, 0xff, 0xbf, 0x00, 0x41]);
  const std = data.toString('base64');
  assert.ok(decodeContent(std, 'base64').equals(data));
  assert.ok(decodeContent(`${std.slice(0, 3)}\n  ${std.slice(3)}\n`, 'B64').equals(data));
  assert.ok(decodeContent(data.toString('base64url'), 'b64').equals(data));
});

test('invalid base64 is an error, not garbage', () => {
  assert.throws(() => decodeContent('not base64!', 'base64'), /not valid base64/);
  assert.throws(() => decodeContent('****', 'gz+b64'), /not valid base64/);
});

test('gzip, raw (latin1 text) or over base64', () => {
  const gz = gzipSync('payload');
  assert.is(decodeContent(gz.toString('latin1'), 'gzip').toString(), 'payload');
  assert.is(decodeContent(gz.toString('base64'), ' Gzip+Base64 ').toString(), 'payload');
});

test('content that is not gzip under a gzip encoding is an error', () => {
  assert.throws(() => decodeContent('plain text', 'gz'));
  assert.throws(() => decodeContent(Buffer.from('plain').toString('base64'), 'gz+base64'));
});

test.run();
