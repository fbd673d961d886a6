import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { TemplateExecError } from '../src/index.js';
import { render, throwsWith } from './helpers.js';

const s = suite('sprig regex');

s('regexMatch, with bad patterns counting as no match', () => {
  assert.is(render('{{ regexMatch "^[a-z]+[0-9]$" "abc1" }} {{ regexMatch "^x" "abc" }}', {}), 'true false');
  assert.is(render('{{ regexMatch "(?i)^ABC" "abc" }}', {}), 'true');
  assert.is(render('{{ regexMatch "[[:digit:]]+" "x42" }}', {}), 'true');
  assert.is(render('{{ regexMatch "(" "x" }}', {}), 'false');
});

s('regexFind and regexFindAll', () => {
  assert.is(render('{{ regexFind "[0-9]+" "ab123cd45" }}|{{ regexFind "z" "abc" }}', {}), '123|');
  assert.is(render('{{ regexFindAll "[0-9]" "a1b2c3" -1 }} {{ regexFindAll "[0-9]" "a1b2c3" 2 }}', {}), '[1 2 3] [1 2]');
  throwsWith(() => render('{{ regexFind "(" "x" }}', {}), TemplateExecError, 'error calling regexFind: error parsing regexp');
});

s('regexReplaceAll expands Go templates; the literal variant does not', () => {
  assert.is(render('{{ regexReplaceAll "a(x*)b" "-ab-axxb-" "${1}W" }}', {}), '-W-xxW-');
  // In Go "$1W" names a group called "1W", which does not exist.
  assert.is(render('{{ regexReplaceAll "a(x*)b" "-ab-axxb-" "$1W" }}', {}), '---');
  assert.is(render('{{ regexReplaceAll "(?P<word>[a-z]+)" "hi there" "<$word>" }}', {}), '<hi> <there>');
  assert.is(render('{{ regexReplaceAll "a" "aa" "$$" }}', {}), '$$');
  assert.is(render('{{ regexReplaceAllLiteral "a(x*)b" "-axb-" "${1}" }}', {}), '-${1}-');
  // Go skips an empty match directly after a previous match.
  assert.is(render('{{ regexReplaceAll "a*" "baaac" "-" }}', {}), '-b-c-');
});

s('regexSplit and regexQuoteMeta', () => {
  assert.is(render('{{ regexSplit "[,;] *" "a, b;c" -1 }}', {}), '[a b c]');
  assert.is(render('{{ regexSplit "," "a,b,c" 2 }}', {}), '[a b,c]');
  assert.is(render('{{ regexQuoteMeta "1.5+x" }}', {}), '1\\.5\\+x');
  assert.is(render('{{ regexMatch (regexQuoteMeta "a.b") "axb" }}', {}), 'false');
});

s('RE2 syntax from Go: POSIX classes, named groups, flags, Unicode classes, \\A and \\z', () => {
  assert.is(render('{{ regexMatch "^[[:alpha:]]+$" "abc" }} {{ regexMatch "^[[:^digit:]]+$" "ab1" }}', {}), 'true false');
  assert.is(render('{{ regexReplaceAll "(?P<v>\\\\d+)" "v12" "<${v}>" }}', {}), 'v<12>');
  assert.is(render('{{ regexFind "(?i)LEAP" "openSUSE Leap" }}', {}), 'Leap');
  assert.is(render('{{ regexFind "(?s)a.b" "a\\nb" }}|{{ regexFind "a.b" "a\\nb" }}', {}), 'a\nb|');
  assert.is(render('{{ regexFind "(?U)a+" "aaa" }} {{ regexFind "a+" "aaa" }}', {}), 'a aaa');
  assert.is(render('{{ regexFindAll "\\\\pL+" "1é😀abc" -1 }}', {}), '[é abc]');
  assert.is(render('{{ regexMatch "\\\\Aab\\\\z" "ab" }} {{ regexMatch "\\\\Aab\\\\z" "ab\\n" }}', {}), 'true false');
});

s('pathological patterns finish in milliseconds', () => {
  const started = performance.now();
  const long = 'a'.repeat(5000);
  assert.is(render(`{{ regexMatch "(a+)+$" "!${long}" }}`, {}), 'true');
  assert.is(render(`{{ regexMatch "^(a+)+$" "${long}!" }}`, {}), 'false');
  assert.is(render('{{ regexMatch "^([a-zA-Z0-9 .]+)*_$" "openSUSE Leap Micro 6.0 aaaaaaaaaaaaaaaaaaaaaaaaaaaa" }}', {}), 'false');
  assert.ok(performance.now() - started < 2000, `took ${performance.now() - started} ms`);
});

s('must* variants fail the render on a bad pattern', () => {
  throwsWith(() => render('{{ mustRegexMatch "(" "x" }}', {}), TemplateExecError, 'error calling mustRegexMatch: error parsing regexp');
  assert.is(render('{{ mustRegexReplaceAll "b+" "abbc" "-" }}', {}), 'a-c');
});

s.run();
