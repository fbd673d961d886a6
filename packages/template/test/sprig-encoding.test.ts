import { createHash } from 'node:crypto';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { render, rendersAs } from './helpers.js';

const s = suite('sprig encoding and random');

s('b64enc / b64dec round trip, with Go-style errors', () => {
  rendersAs([
    ['{{ b64enc "hello wörld" }}', Buffer.from('hello wörld').toString('base64')],
    ['{{ b64enc "yip" | b64dec }}', 'yip'],
    ['{{ b64dec "aGk=" }}', 'hi'],
    ['{{ b64dec "a*b" }}', 'illegal base64 data at input byte 1'],
    ['{{ b64dec "YQ" }}', 'illegal base64 data at input byte 0'],
  ]);
});

s('digests hash UTF-8 and print lowercase hex', () => {
  // Published test vectors for "abc".
  rendersAs([
    ['{{ sha256sum "abc" }}', 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
    ['{{ sha1sum "abc" }}', 'a9993e364706816aba3e25717850c26c9cd0d89d'],
    ['{{ md5sum "abc" }}', '900150983cd24fb0d6963f7d28e17f72'],
  ]);
  const text = 'ünïcode';
  assert.is(render('{{ sha512sum . }}', text), createHash('sha512').update(text).digest('hex'));
});

s('uuidv4 is a version 4 UUID and differs between calls', () => {
  const out = render('{{ uuidv4 }} {{ uuidv4 }}', {}).split(' ');
  for (const id of out) assert.match(id, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  assert.is.not(out[0], out[1]);
});

s('rand* produce the requested length and alphabet', () => {
  assert.match(render('{{ randAlphaNum 32 }}', {}), /^[A-Za-z0-9]{32}$/);
  assert.match(render('{{ randAlpha 16 }}', {}), /^[A-Za-z]{16}$/);
  assert.match(render('{{ randNumeric 8 }}', {}), /^[0-9]{8}$/);
  assert.match(render('{{ randAscii 20 }}', {}), /^[\x20-\x7e]{20}$/);
  assert.is(render('{{ randAlphaNum 0 }}', {}), '');
  assert.is.not(render('{{ randAlphaNum 24 }}', {}), render('{{ randAlphaNum 24 }}', {}));
});

s.run();
