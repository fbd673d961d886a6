// Go's path package (slash-separated, no OS specifics), which sprig exposes as base/dir/ext/clean/isAbs.
import { define } from './types.js';
import type { FuncMap } from './types.js';

/** path.Clean: lexical simplification, "." for empty results. */
export function cleanPath(p: string): string {
  if (p === '') return '.';
  const rooted = p.startsWith('/');
  const out: string[] = [];
  for (const part of p.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (out.length > 0 && out[out.length - 1] !== '..') out.pop();
      else if (!rooted) out.push('..');
      continue;
    }
    out.push(part);
  }
  const joined = out.join('/');
  if (rooted) return `/${joined}`;
  return joined === '' ? '.' : joined;
}

function base(p: string): string {
  if (p === '') return '.';
  const trimmed = p.replace(/\/+$/, '');
  if (trimmed === '') return '/';
  return trimmed.slice(trimmed.lastIndexOf('/') + 1);
}

function dir(p: string): string {
  const slash = p.lastIndexOf('/');
  return cleanPath(p.slice(0, slash + 1));
}

function ext(p: string): string {
  for (let i = p.length - 1; i >= 0 && p[i] !== '/'; i--) {
    if (p[i] === '.') return p.slice(i);
  }
  return '';
}

export const sprigPath: FuncMap = {
  base: define(['string'], base),
  dir: define(['string'], dir),
  ext: define(['string'], ext),
  clean: define(['string'], cleanPath),
  isAbs: define(['string'], (p: string) => p.startsWith('/')),
};
