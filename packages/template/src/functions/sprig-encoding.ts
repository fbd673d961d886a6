// Base64 and digest functions. Digests hash the UTF-8 bytes and print lowercase hex like Go's %x.
import { createHash } from 'node:crypto';
import { define } from './types.js';
import type { FuncMap } from './types.js';

/** Go's StdEncoding is strict about the alphabet and padding, but skips CR/LF. */
function base64Decode(input: string): string {
  const compact = input.replace(/[\r\n]/g, '');
  const badAt = compact.search(/[^A-Za-z0-9+/=]/);
  const padStart = compact.indexOf('=');
  let error: number | undefined;
  if (badAt >= 0) error = badAt;
  else if (padStart >= 0 && !/^=={0,1}$/.test(compact.slice(padStart))) error = padStart;
  else if (compact.length % 4 !== 0) error = compact.length - (compact.length % 4);
  if (error !== undefined) return `illegal base64 data at input byte ${error}`;
  return Buffer.from(compact, 'base64').toString('utf8');
}

function digest(algorithm: string): (s: string) => string {
  return (s: string) => createHash(algorithm).update(s, 'utf8').digest('hex');
}

export const sprigEncoding: FuncMap = {
  b64enc: define(['string'], (s: string) => Buffer.from(s, 'utf8').toString('base64')),
  b64dec: define(['string'], base64Decode),
  sha1sum: define(['string'], digest('sha1')),
  sha256sum: define(['string'], digest('sha256')),
  sha512sum: define(['string'], digest('sha512')),
  md5sum: define(['string'], digest('md5')),
};
