/**
 * SHA-512 crypt ("$6$"), as described in Ulrich Drepper's "Unix crypt using SHA-256 and
 * SHA-512" (the scheme glibc's crypt(3), shadow-utils and openssl passwd -6 implement). It is
 * written out here rather than shelling out to a tool, because the target root may have none
 * (busybox images) and the host's tools must not decide what ends up in the image.
 */
import { createRequire } from 'node:module';

// node:crypto is loaded on the first hash, not at start-up, where it costs about 4 ms and 2 MiB
// of memory and most runs set no password. Synchronous, as the callers are: in the bundled CLI
// require() is there; from TypeScript sources (ESM) createRequire makes one.
let crypto: typeof import('node:crypto') | undefined;
function nodeCrypto(): typeof import('node:crypto') {
  crypto ??= (
    typeof require === 'function' ? require('node:crypto') : createRequire(import.meta.url)('node:crypto')
  ) as typeof import('node:crypto');
  return crypto;
}

const ITOA64 = './0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const PREFIX = '$6$';
const ROUNDS_DEFAULT = 5000;
const ROUNDS_MIN = 1000;
const ROUNDS_MAX = 999_999_999;
const SALT_MAX = 16;

/** The byte triples of the final digest, in the order the scheme encodes them. */
const ORDER: readonly (readonly [number, number, number])[] = [
  [0, 21, 42],
  [22, 43, 1],
  [44, 2, 23],
  [3, 24, 45],
  [25, 46, 4],
  [47, 5, 26],
  [6, 27, 48],
  [28, 49, 7],
  [50, 8, 29],
  [9, 30, 51],
  [31, 52, 10],
  [53, 11, 32],
  [12, 33, 54],
  [34, 55, 13],
  [56, 14, 35],
  [15, 36, 57],
  [37, 58, 16],
  [59, 17, 38],
  [18, 39, 60],
  [40, 61, 19],
  [62, 20, 41],
];

function sha512(...parts: Buffer[]): Buffer {
  const h = nodeCrypto().createHash('sha512');
  for (const p of parts) h.update(p);
  return h.digest();
}

/** `length` bytes taken from `digest` repeated as often as needed. */
function stretch(digest: Buffer, length: number): Buffer {
  const out = Buffer.alloc(length);
  for (let i = 0; i < length; i += digest.length) digest.copy(out, i, 0, Math.min(digest.length, length - i));
  return out;
}

function encode24(b2: number, b1: number, b0: number, chars: number): string {
  let w = (b2 << 16) | (b1 << 8) | b0;
  let out = '';
  for (let i = 0; i < chars; i++) {
    out += ITOA64[w & 0x3f];
    w >>>= 6;
  }
  return out;
}

interface Setting {
  readonly salt: string;
  readonly rounds: number;
  /** Whether `rounds=` was written: it is then repeated in the result, even for 5000. */
  readonly customRounds: boolean;
}

/** Reads `$6$[rounds=N$]salt[$...]`, as crypt(3) does: the salt stops at `$` or after 16 characters. */
function parseSetting(setting: string): Setting {
  if (!setting.startsWith(PREFIX)) throw new Error('not a SHA-512 crypt setting (it must start with $6$)');
  let rest = setting.slice(PREFIX.length);
  let rounds = ROUNDS_DEFAULT;
  let customRounds = false;
  const m = /^rounds=(\d+)\$/.exec(rest);
  if (m) {
    rounds = Math.min(ROUNDS_MAX, Math.max(ROUNDS_MIN, Number(m[1])));
    customRounds = true;
    rest = rest.slice(m[0].length);
  }
  const end = rest.indexOf('$');
  const salt = (end === -1 ? rest : rest.slice(0, end)).slice(0, SALT_MAX);
  return { salt, rounds, customRounds };
}

/** crypt(password, setting) for `$6$` settings; the result is `$6$[rounds=N$]salt$hash`. */
export function sha512Crypt(password: string, setting: string): string {
  const { salt, rounds, customRounds } = parseSetting(setting);
  const p = Buffer.from(password, 'utf8');
  const s = Buffer.from(salt, 'utf8');

  const b = sha512(p, s, p);
  const aParts: Buffer[] = [p, s, stretch(b, p.length)];
  for (let n = p.length; n > 0; n >>>= 1) aParts.push(n & 1 ? b : p);
  const a = sha512(...aParts);

  const pSeq = stretch(sha512(...Array<Buffer>(p.length).fill(p)), p.length);
  const sSeq = stretch(sha512(...Array<Buffer>(16 + a[0]!).fill(s)), s.length);

  let c = a;
  for (let i = 0; i < rounds; i++) {
    const parts: Buffer[] = [i & 1 ? pSeq : c];
    if (i % 3) parts.push(sSeq);
    if (i % 7) parts.push(pSeq);
    parts.push(i & 1 ? c : pSeq);
    c = sha512(...parts);
  }

  let hash = '';
  for (const [x, y, z] of ORDER) hash += encode24(c[x]!, c[y]!, c[z]!, 4);
  hash += encode24(0, 0, c[63]!, 2);
  return `${PREFIX}${customRounds ? `rounds=${rounds}$` : ''}${salt}$${hash}`;
}

/** 16 random salt characters from the crypt alphabet (64 symbols: one byte, six bits, no bias). */
export function randomSalt(length = SALT_MAX): string {
  return [...nodeCrypto().randomBytes(length)].map((byte) => ITOA64[byte & 0x3f]).join('');
}

/** A fresh `$6$` hash of `password` with a random salt. */
export function hashPassword(password: string): string {
  return sha512Crypt(password, `${PREFIX}${randomSalt()}`);
}

/** True when `hash` is a `$6$` hash of `password` (anything else, e.g. yescrypt, gives false). */
export function verifySha512(password: string, hash: string): boolean {
  if (!hash.startsWith(PREFIX)) return false;
  try {
    return sha512Crypt(password, hash) === hash;
  } catch {
    return false;
  }
}
