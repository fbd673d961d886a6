import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { TemplateExecError } from '../src/index.js';
import { render, rendersAs, throwsWith } from './helpers.js';

const s = suite('go builtins');

s('and/or return the deciding operand and short-circuit', () => {
  rendersAs([
    ['{{ and 1 "x" 0 }}|{{ and 1 "x" }}', '0|x'],
    ['{{ or 0 "" "x" }}|{{ or 0 "" }}', 'x|'],
    // The failing call is never evaluated once the result is known.
    ['{{ and .missing (fail "evaluated") }}', '<no value>'],
    ['{{ or true (fail "evaluated") }}', 'true'],
    ['{{ if and .a .b }}both{{ else }}not{{ end }}', 'not', { a: 1, b: 0 }],
    ['{{ 0 | or 1 }}', '1'],
  ]);
});

s('not', () => {
  assert.is(render('{{ not 0 }} {{ not "x" }} {{ not .missing }}', {}), 'true false true');
});

s('eq is multi-way, ne/lt/le/gt/ge compare basic kinds', () => {
  rendersAs([
    ['{{ eq .v "a" "b" "c" }}', 'true', { v: 'c' }],
    ['{{ eq .v "a" "b" }}', 'false', { v: 'c' }],
    ['{{ eq 1 1.0 }} {{ ne 1 2 }} {{ eq .missing "x" }} {{ eq .missing .other }}', 'true true false true'],
    ['{{ lt 1 2 }} {{ le 2 2 }} {{ gt "b" "a" }} {{ ge 1.5 2 }}', 'true true true false'],
  ]);
  throwsWith(() => render('{{ eq "1" 1 }}', {}), TemplateExecError, 'incompatible types for comparison');
  throwsWith(() => render('{{ lt true false }}', {}), TemplateExecError, 'invalid type for comparison');
  throwsWith(() => render('{{ eq .l .l }}', { l: [1] }), TemplateExecError, 'non-comparable type');
  throwsWith(() => render('{{ lt .missing 1 }}', {}), TemplateExecError, 'invalid type for comparison');
});

s('len counts UTF-8 bytes for strings, elements otherwise', () => {
  assert.is(render('{{ len "héllo" }} {{ len .l }} {{ len .m }}', { l: [1, 2, 3], m: { a: 1, b: 2 } }), '6 3 2');
  throwsWith(() => render('{{ len 3 }}', {}), TemplateExecError, 'len of type int');
});

s('index walks lists, maps and strings', () => {
  const d = {
    l: ['a', 'b'],
    m: { k: { inner: 'v' } },
    grid: [
      [1, 2],
      [3, 4],
    ],
  };
  rendersAs([
    ['{{ index .l 1 }} {{ index .m "k" "inner" }} {{ index .grid 1 0 }} {{ index "abc" 1 }}', 'b v 3 98', d],
    ['{{ index .m "nope" }}', '<no value>', d],
  ]);
  throwsWith(() => render('{{ index .l 5 }}', d), TemplateExecError, 'error calling index: index out of range: 5');
  throwsWith(() => render('{{ index .missing 0 }}', d), TemplateExecError, 'index of untyped nil');
  throwsWith(() => render('{{ index .m 1 }}', d), TemplateExecError, 'value has type int; should be string');
});

s('slice on lists and strings', () => {
  const d = { l: [1, 2, 3, 4] };
  assert.is(render('{{ slice .l 1 3 }} {{ slice .l 2 }} {{ slice .l }} {{ slice "hello" 1 4 }}', d), '[2 3] [3 4] [1 2 3 4] ell');
  throwsWith(() => render('{{ slice .l 3 1 }}', d), TemplateExecError, 'invalid slice index: 3 > 1');
  throwsWith(() => render('{{ slice "abc" 0 1 2 }}', d), TemplateExecError, 'cannot 3-index slice a string');
});

s('html, js and urlquery escape their Sprint-ed arguments', () => {
  rendersAs([
    ['{{ html "<a href=\\"x\\">&\'</a>" }}', '&lt;a href=&#34;x&#34;&gt;&amp;&#39;&lt;/a&gt;'],
    ['{{ js "it\'s \\"q\\" <b>=&\\n" }}', 'it\\\'s \\"q\\" \\u003Cb\\u003E\\u003D\\u0026\\u000A'],
    ['{{ urlquery "a b&c=d/é" }}', 'a+b%26c%3Dd%2F%C3%A9'],
    ['{{ html .missing }}', '&lt;no value&gt;'],
    ['{{ urlquery 1 2 }}', '1+2'],
  ]);
});

s('call invokes function values with arguments', () => {
  const d = {
    add: (a: number, b: number) => a + b,
    boom: () => {
      throw new Error('kaput');
    },
  };
  assert.is(render('{{ call .add 2 3 }}', d), '5');
  throwsWith(() => render('{{ call .boom }}', d), TemplateExecError, 'error calling call: kaput');
  throwsWith(() => render('{{ call .missing }}', d), TemplateExecError, 'call of nil');
});

s('printf requires a string format', () => {
  assert.is(render('{{ printf "%s:%d" "port" 80 }}', {}), 'port:80');
  throwsWith(() => render('{{ printf 5 }}', {}), TemplateExecError, 'expected string; found 5');
});

s.run();
