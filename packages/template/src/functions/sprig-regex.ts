// sprig regex functions on Go regexps (RE2, linear time). regexMatch treats a bad pattern as
// "no match"; the others, and every must* variant, fail the render, as sprig's use of MatchString
// versus MustCompile does.
import { compileGoRegexp, expandTemplate, findAll, matchString, quoteMeta, replaceAll, splitAll } from '../go-regexp/index.js';
import { define } from './types.js';
import type { FuncMap } from './types.js';

function mustRegexMatch(pattern: string, s: string): boolean {
  return matchString(compileGoRegexp(pattern), s);
}

function regexMatch(pattern: string, s: string): boolean {
  try {
    return mustRegexMatch(pattern, s);
  } catch {
    return false;
  }
}

function regexFind(pattern: string, s: string): string {
  return findAll(compileGoRegexp(pattern), s, 1)[0]?.groups[0] ?? '';
}

function regexFindAll(pattern: string, s: string, n: number): string[] {
  return findAll(compileGoRegexp(pattern), s, n).map((m) => m.groups[0] ?? '');
}

function regexReplaceAll(pattern: string, s: string, repl: string): string {
  return replaceAll(compileGoRegexp(pattern), s, (m) => expandTemplate(repl, m));
}

function regexReplaceAllLiteral(pattern: string, s: string, repl: string): string {
  return replaceAll(compileGoRegexp(pattern), s, () => repl);
}

function regexSplit(pattern: string, s: string, n: number): string[] {
  return splitAll(compileGoRegexp(pattern), s, n);
}

export const sprigRegex: FuncMap = {
  regexMatch: define(['string', 'string'], regexMatch),
  mustRegexMatch: define(['string', 'string'], mustRegexMatch),
  regexFind: define(['string', 'string'], regexFind),
  mustRegexFind: define(['string', 'string'], regexFind),
  regexFindAll: define(['string', 'string', 'int'], regexFindAll),
  mustRegexFindAll: define(['string', 'string', 'int'], regexFindAll),
  regexReplaceAll: define(['string', 'string', 'string'], regexReplaceAll),
  mustRegexReplaceAll: define(['string', 'string', 'string'], regexReplaceAll),
  regexReplaceAllLiteral: define(['string', 'string', 'string'], regexReplaceAllLiteral),
  mustRegexReplaceAllLiteral: define(['string', 'string', 'string'], regexReplaceAllLiteral),
  regexSplit: define(['string', 'string', 'int'], regexSplit),
  mustRegexSplit: define(['string', 'string', 'int'], regexSplit),
  regexQuoteMeta: define(['string'], quoteMeta),
};
