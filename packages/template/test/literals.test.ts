import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { parseCharConstant, parseGoFloat, parseGoInt, parseNumberLiteral, unquoteGo } from '../src/literals.js';
import { canBackquote, quoteGo, quoteRune } from '../src/quote.js';
import { eachGives } from './helpers.js';

const s = suite('literals');

s('Go integer syntax: prefixes, octal and underscores', () => {
  eachGives(parseGoInt, [
    ['0x1F', 31],
    ['0o17', 15],
    ['017', 15],
    ['0b101', 5],
    ['-1_000', -1000],
    ['08', undefined],
    ['1__0', undefined],
    ['99999999999999999999', undefined],
  ]);
});

s('Go float syntax including hex floats and special names', () => {
  eachGives(parseGoFloat, [
    ['1.5e2', 150],
    ['.5', 0.5],
    ['0x1p-2', 0.25],
    ['-Inf', -Infinity],
    ['1.2.3', undefined],
    [' 1', undefined],
  ]);
});

s('number literals know whether they are integers', () => {
  eachGives(parseNumberLiteral, [
    ['42', { value: 42, isInt: true }],
    ['1.5', { value: 1.5, isInt: false }],
    ['2.0', { value: 2, isInt: true }],
    ['1e', 'illegal number syntax: "1e"'],
  ]);
  assert.is(typeof parseNumberLiteral('2i'), 'string');
});

s('string unquoting follows strconv.Unquote', () => {
  eachGives(unquoteGo, [
    ['"a\\tb\\n"', 'a\tb\n'],
    ['"\\u00e9\\U0001F600"', 'é😀'],
    ['"\\xc3\\xa9"', 'é'],
    ['"\\101"', 'A'],
    ['`a\\n\r`', 'a\\n'],
    ['"\\q"', undefined],
    ['"\\\'"', undefined],
  ]);
});

s('character constants', () => {
  eachGives(parseCharConstant, [
    ["'a'", 97],
    ["'\\n'", 10],
    ["'\\''", 39],
    ["'é'", 233],
    ["'ab'", undefined],
  ]);
});

s('quoting matches strconv.Quote', () => {
  assert.is(quoteGo('a"b\\c\n\u0001é'), '"a\\"b\\\\c\\n\\x01é"');
  assert.is(quoteGo('é\u00a0', true), '"\\u00e9\\u00a0"');
  assert.is(quoteRune(39), "'\\''");
  assert.ok(canBackquote('plain text'));
  assert.not.ok(canBackquote('has `tick`'));
});

s.run();
