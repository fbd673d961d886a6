import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { TemplateExecError } from '../src/index.js';
import { render, rendersAs, throwsWith } from './helpers.js';

const s = suite('sprig regex');

s('regexMatch, with bad patterns counting as no match', () => {
  rendersAs([
    ['{{ regexMatch "^[a-z]+[0-9]$" "abc1" }} {{ regexMatch "^x" "abc" }}', 'true false'],
    ['{{ regexMatch "(?i)^ABC" "abc" }}', 'true'],
    ['{{ regexMatch "[[:digit:]]+" "x42" }}', 'true'],
    ['{{ regexMatch "(" "x" }}', 'false'],
  ]);
});

s('regexFind and regexFindAll', () => {
  rendersAs([
    ['{{ regexFind "[0-9]+" "ab123cd45" }}|{{ regexFind "z" "abc" }}', '123|'],
    ['{{ regexFindAll "[0-9]" "a1b2c3" -1 }} {{ regexFindAll "[0-9]" "a1b2c3" 2 }}', '[1 2 3] [1 2]'],
  ]);
  throwsWith(() => render('{{ regexFind "(" "x" }}', {}), TemplateExecError, 'error calling regexFind: error parsing regexp');
});

s('regexReplaceAll expands Go templates; the literal variant does not', () => {
  rendersAs([
    ['{{ regexReplaceAll "a(x*)b" "-ab-axxb-" "${1}W" }}', '-W-xxW-'],
    // In Go "$1W" names a group called "1W", which does not exist.
    ['{{ regexReplaceAll "a(x*)b" "-ab-axxb-" "$1W" }}', '---'],
    ['{{ regexReplaceAll "(?P<word>[a-z]+)" "hi there" "<$word>" }}', '<hi> <there>'],
    ['{{ regexReplaceAll "a" "aa" "$$" }}', '$$'],
    ['{{ regexReplaceAllLiteral "a(x*)b" "-axb-" "${1}" }}', '-${1}-'],
    // Go skips an empty match directly after a previous match.
    ['{{ regexReplaceAll "a*" "baaac" "-" }}', '-b-c-'],
  ]);
});

s('regexSplit and regexQuoteMeta', () => {
  rendersAs([
    ['{{ regexSplit "[,;] *" "a, b;c" -1 }}', '[a b c]'],
    ['{{ regexSplit "," "a,b,c" 2 }}', '[a b,c]'],
    ['{{ regexQuoteMeta "1.5+x" }}', '1\\.5\\+x'],
    ['{{ regexMatch (regexQuoteMeta "a.b") "axb" }}', 'false'],
  ]);
});

s('RE2 syntax from Go: POSIX classes, named groups, flags, Unicode classes, \\A and \\z', () => {
  rendersAs([
    ['{{ regexMatch "^[[:alpha:]]+$" "abc" }} {{ regexMatch "^[[:^digit:]]+$" "ab1" }}', 'true false'],
    ['{{ regexReplaceAll "(?P<v>\\\\d+)" "v12" "<${v}>" }}', 'v<12>'],
    ['{{ regexFind "(?i)LEAP" "openSUSE Leap" }}', 'Leap'],
    ['{{ regexFind "(?s)a.b" "a\\nb" }}|{{ regexFind "a.b" "a\\nb" }}', 'a\nb|'],
    ['{{ regexFind "(?U)a+" "aaa" }} {{ regexFind "a+" "aaa" }}', 'a aaa'],
    ['{{ regexFindAll "\\\\pL+" "1é😀abc" -1 }}', '[é abc]'],
    ['{{ regexMatch "\\\\Aab\\\\z" "ab" }} {{ regexMatch "\\\\Aab\\\\z" "ab\\n" }}', 'true false'],
  ]);
});

s('pathological patterns finish in milliseconds', () => {
  const started = performance.now();
  const long = 'a'.repeat(5000);
  rendersAs([
    [`{{ regexMatch "(a+)+$" "!${long}" }}`, 'true'],
    [`{{ regexMatch "^(a+)+$" "${long}!" }}`, 'false'],
    ['{{ regexMatch "^([a-zA-Z0-9 .]+)*_$" "openSUSE Leap Micro 6.0 aaaaaaaaaaaaaaaaaaaaaaaaaaaa" }}', 'false'],
  ]);
  assert.ok(performance.now() - started < 2000, `took ${performance.now() - started} ms`);
});

s('must* variants fail the render on a bad pattern', () => {
  throwsWith(() => render('{{ mustRegexMatch "(" "x" }}', {}), TemplateExecError, 'error calling mustRegexMatch: error parsing regexp');
  assert.is(render('{{ mustRegexReplaceAll "b+" "abbc" "-" }}', {}), 'a-c');
});

s.run();
