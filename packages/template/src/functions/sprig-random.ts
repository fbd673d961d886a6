// Random values come from the OS CSPRNG, like sprig's crypto-backed generators.
import { randomInt, randomUUID } from 'node:crypto';
import { checkStringLength } from '../limits.js';
import { define } from './types.js';
import type { FuncMap } from './types.js';

const LETTERS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
const DIGITS = '0123456789';
const ASCII = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)).join('');

function randomFrom(alphabet: string): (count: number) => string {
  return (count: number) => {
    if (count < 0) throw new Error(`Count ${count} is less than 0`);
    checkStringLength(count);
    let out = '';
    for (let i = 0; i < count; i++) out += alphabet[randomInt(alphabet.length)] ?? '';
    return out;
  };
}

export const sprigRandom: FuncMap = {
  uuidv4: define([], () => randomUUID()),
  randAlphaNum: define(['int'], randomFrom(LETTERS + DIGITS)),
  randAlpha: define(['int'], randomFrom(LETTERS)),
  randNumeric: define(['int'], randomFrom(DIGITS)),
  randAscii: define(['int'], randomFrom(ASCII)),
};
