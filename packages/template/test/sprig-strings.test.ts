import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { TemplateExecError } from '../src/index.js';
import { render, rendersAs, throwsWith } from './helpers.js';

const s = suite('sprig strings');

s('trunc keeps a prefix, or a suffix for negative counts', () => {
  rendersAs([
    ['{{ trunc 4 .id }}|{{ trunc -3 .id }}|{{ trunc 99 .id }}', 'abcd|def|abcdef', { id: 'abcdef' }],
    ['{{ .id | trunc 2 }}', 'hé', { id: 'héllo' }],
  ]);
});

s('trim, trimAll, trimPrefix, trimSuffix', () => {
  rendersAs([
    ['[{{ trim "  \\t x y \\n" }}]', '[x y]'],
    ['{{ trimAll "$-" "-$$5.00$-" }}|{{ trimall "x" "xax" }}', '5.00|a'],
    ['{{ trimPrefix "v" "v1.2" }}|{{ trimPrefix "x" "v1.2" }}', '1.2|v1.2'],
    ['{{ trimSuffix ".yaml" "a.yaml" }}|{{ trimSuffix "" "a" }}', 'a|a'],
  ]);
});

s('upper, lower, title', () => {
  rendersAs([
    ['{{ upper "abc-é" }} {{ lower "ABC-É" }}', 'ABC-É abc-é'],
    ['{{ title "hello wide_world foo-bar" }}', 'Hello Wide_world Foo-Bar'],
    // Go maps rune by rune, so ß stays a single character.
    ['{{ upper "straße" }}', 'STRAßE'],
  ]);
});

s('replace, contains, hasPrefix, hasSuffix', () => {
  rendersAs([
    ['{{ "a-b-c" | replace "-" "+" }}', 'a+b+c'],
    ['{{ replace "" "." "ab" }}', '.a.b.'],
    ['{{ contains "ell" "hello" }} {{ contains "x" "hello" }}', 'true false'],
    ['{{ hasPrefix "he" "hello" }} {{ hasSuffix "lo" "hello" }} {{ hasSuffix "he" "hello" }}', 'true true false'],
  ]);
});

s('quote, squote and cat skip nil arguments', () => {
  rendersAs([
    ['{{ quote "a" 1 .missing "b\\"c" }}', '"a" "1" "b\\"c"'],
    ['{{ squote "a" 2 }}', "'a' '2'"],
    ['{{ cat "a" 1 .missing (list 2 3) }}', 'a 1 [2 3]'],
  ]);
});

s('indent and nindent', () => {
  rendersAs([
    ['{{ indent 2 "a\\nb" }}', '  a\n  b'],
    ['key:{{ "x: 1\\ny: 2" | nindent 4 }}', 'key:\n    x: 1\n    y: 2'],
  ]);
});

s('repeat, substr, nospace', () => {
  assert.is(render('{{ repeat 3 "ab" }}', {}), 'ababab');
  throwsWith(() => render('{{ repeat -1 "x" }}', {}), TemplateExecError, 'negative Repeat count');
  assert.is(render('{{ substr 1 3 "hello" }}|{{ substr 2 -1 "hello" }}|{{ substr -1 2 "hello" }}', {}), 'el|llo|he');
  throwsWith(() => render('{{ substr 3 1 "hello" }}', {}), TemplateExecError, 'slice bounds out of range');
  assert.is(render('{{ nospace " a b\\tc\\n" }}', {}), 'abc');
});

s('split returns _N keys, splitList a list, join the reverse', () => {
  rendersAs([
    ['{{ $p := split "." "a.b.c" }}{{ $p._0 }}-{{ $p._2 }}', 'a-c'],
    ['{{ splitList "," "a,b,,c" }}', '[a b  c]'],
    ['{{ splitList "" "ab" | len }}', '2'],
    ['{{ join "," .l }}', 'a,1,true', { l: ['a', 1, null, true] }],
    ['{{ join "-" "solo" }}', 'solo'],
  ]);
});

s.run();
