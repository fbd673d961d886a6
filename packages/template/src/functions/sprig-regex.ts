// sprig regex functions. regexMatch treats a bad pattern as "no match"; the others fail the render,
// mirroring sprig's use of MatchString versus MustCompile.
import { compileGoRegexp, expandTemplate, findAll, quoteMeta, replaceAll, splitAll } from '../go-regexp.js';
import { define } from './types.js';
import type { FuncMap } from './types.js';

function regexMatch(pattern: string, s: string): boolean {
  try {
    return findAll(compileGoRegexp(pattern), s, 1).length > 0;
  } catch {
    return false;
  }
}

function regexFind(pattern: string, s: string): string {
  return findAll(compileGoRegexp(pattern), s, 1)[0]?.[0] ?? '';
}

function regexFindAll(pattern: string, s: string, n: number): string[] {
  return findAll(compileGoRegexp(pattern), s, n).map((m) => m[0]);
}

export const sprigRegex: FuncMap = {
  regexMatch: define(['string', 'string'], regexMatch),
  regexFind: define(['string', 'string'], regexFind),
  regexFindAll: define(['string', 'string', 'int'], regexFindAll),
  regexReplaceAll: define(['string', 'string', 'string'], (pattern: string, s: string, repl: string) =>
    replaceAll(compileGoRegexp(pattern), s, (m) => expandTemplate(repl, m)),
  ),
  regexReplaceAllLiteral: define(['string', 'string', 'string'], (pattern: string, s: string, repl: string) =>
    replaceAll(compileGoRegexp(pattern), s, () => repl),
  ),
  regexSplit: define(['string', 'string', 'int'], (pattern: string, s: string, n: number) =>
    splitAll(compileGoRegexp(pattern), s, n),
  ),
  regexQuoteMeta: define(['string'], quoteMeta),
};
