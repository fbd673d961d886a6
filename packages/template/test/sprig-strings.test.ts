import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { TemplateExecError } from '../src/index.js';
import { render, throwsWith } from './helpers.js';

const s = suite('sprig strings');

s('trunc keeps a prefix, or a suffix for negative counts', () => {
  assert.is(render('{{ trunc 4 .id }}|{{ trunc -3 .id }}|{{ trunc 99 .id }}', { id: 'abcdef' }), 'abcd|def|abcdef');
  assert.is(render('{{ .id | trunc 2 }}', { id: 'héllo' }), 'hé');
});

s('trim, trimAll, trimPrefix, trimSuffix', () => {
  assert.is(render('[{{ trim "  \\t x y \\n" }}]', {}), '[x y]');
  assert.is(render('{{ trimAll "$-" "-$$5.00$-" }}|{{ trimall "x" "xax" }}', {}), '5.00|a');
  assert.is(render('{{ trimPrefix "v" "v1.2" }}|{{ trimPrefix "x" "v1.2" }}', {}), '1.2|v1.2');
  assert.is(render('{{ trimSuffix ".yaml" "a.yaml" }}|{{ trimSuffix "" "a" }}', {}), 'a|a');
});

s('upper, lower, title', () => {
  assert.is(render('{{ upper "abc-é" }} {{ lower "ABC-É" }}', {}), 'ABC-É abc-é');
  assert.is(render('{{ title "hello wide_world foo-bar" }}', {}), 'Hello Wide_world Foo-Bar');
  // Go maps rune by rune, so ß stays a single character.
  assert.is(render('{{ upper "straße" }}', {}), 'STRAßE');
});

s('replace, contains, hasPrefix, hasSuffix', () => {
  assert.is(render('{{ "a-b-c" | replace "-" "+" }}', {}), 'a+b+c');
  assert.is(render('{{ replace "" "." "ab" }}', {}), '.a.b.');
  assert.is(render('{{ contains "ell" "hello" }} {{ contains "x" "hello" }}', {}), 'true false');
  assert.is(render('{{ hasPrefix "he" "hello" }} {{ hasSuffix "lo" "hello" }} {{ hasSuffix "he" "hello" }}', {}), 'true true false');
});

s('quote, squote and cat skip nil arguments', () => {
  assert.is(render('{{ quote "a" 1 .missing "b\\"c" }}', {}), '"a" "1" "b\\"c"');
  assert.is(render('{{ squote "a" 2 }}', {}), "'a' '2'");
  assert.is(render('{{ cat "a" 1 .missing (list 2 3) }}', {}), 'a 1 [2 3]');
});

s('indent and nindent', () => {
  assert.is(render('{{ indent 2 "a\\nb" }}', {}), '  a\n  b');
  assert.is(render('key:{{ "x: 1\\ny: 2" | nindent 4 }}', {}), 'key:\n    x: 1\n    y: 2');
});

s('repeat, substr, nospace', () => {
  assert.is(render('{{ repeat 3 "ab" }}', {}), 'ababab');
  throwsWith(() => render('{{ repeat -1 "x" }}', {}), TemplateExecError, 'negative Repeat count');
  assert.is(render('{{ substr 1 3 "hello" }}|{{ substr 2 -1 "hello" }}|{{ substr -1 2 "hello" }}', {}), 'el|llo|he');
  throwsWith(() => render('{{ substr 3 1 "hello" }}', {}), TemplateExecError, 'slice bounds out of range');
  assert.is(render('{{ nospace " a b\\tc\\n" }}', {}), 'abc');
});

s('split returns _N keys, splitList a list, join the reverse', () => {
  assert.is(render('{{ $p := split "." "a.b.c" }}{{ $p._0 }}-{{ $p._2 }}', {}), 'a-c');
  assert.is(render('{{ splitList "," "a,b,,c" }}', {}), '[a b  c]');
  assert.is(render('{{ splitList "" "ab" | len }}', {}), '2');
  assert.is(render('{{ join "," .l }}', { l: ['a', 1, null, true] }), 'a,1,true');
  assert.is(render('{{ join "-" "solo" }}', {}), 'solo');
});

s.run();
