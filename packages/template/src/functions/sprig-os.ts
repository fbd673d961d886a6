// Environment access and os.ExpandEnv, whose $-syntax rules differ slightly from shells.
import { define } from './types.js';
import type { FuncMap } from './types.js';

function getenv(name: string): string {
  return process.env[name] ?? '';
}

function isShellSpecial(ch: string | undefined): boolean {
  return ch !== undefined && '*#$@!?-0123456789'.includes(ch);
}

/** os.getShellName: returns the variable name and how many characters it used (name '' = not a reference). */
function shellName(s: string): { name: string; width: number } {
  if (s[0] === '{') {
    if (s.length > 2 && isShellSpecial(s[1]) && s[2] === '}') return { name: s.slice(1, 2), width: 3 };
    const close = s.indexOf('}', 1);
    if (close === 1) return { name: '', width: 2 };
    if (close < 0) return { name: '', width: 1 };
    return { name: s.slice(1, close), width: close + 1 };
  }
  if (isShellSpecial(s[0])) return { name: s.slice(0, 1), width: 1 };
  const word = /^[A-Za-z0-9_]*/.exec(s)?.[0] ?? '';
  return { name: word, width: word.length };
}

/** os.Expand with the environment as the mapping. */
export function expandEnv(s: string, lookup: (name: string) => string = getenv): string {
  let out = '';
  let i = 0;
  for (let j = 0; j < s.length; j++) {
    if (s[j] !== '$' || j + 1 >= s.length) continue;
    out += s.slice(i, j);
    const { name, width } = shellName(s.slice(j + 1));
    if (name === '' && width > 0) {
      // Bad syntax such as "${}" is swallowed, like Go does.
    } else if (name === '') {
      out += '$';
    } else {
      out += lookup(name);
    }
    j += width;
    i = j + 1;
  }
  return out + s.slice(i);
}

export const sprigOs: FuncMap = {
  env: define(['string'], getenv),
  expandenv: define(['string'], (s: string) => expandEnv(s)),
};
