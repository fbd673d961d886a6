import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { parseCharConstant, parseGoFloat, parseGoInt, parseNumberLiteral, unquoteGo } from '../src/literals.js';
import { canBackquote, quoteGo, quoteRune } from '../src/quote.js';

const s = suite('literals');

s('Go integer syntax: prefixes, octal and underscores', () => {
  assert.is(parseGoInt('0x1F'), 31);
  assert.is(parseGoInt('0o17'), 15);
  assert.is(parseGoInt('017'), 15);
  assert.is(parseGoInt('0b101'), 5);
  assert.is(parseGoInt('-1_000'), -1000);
  assert.is(parseGoInt('08'), undefined);
  assert.is(parseGoInt('1__0'), undefined);
  assert.is(parseGoInt('99999999999999999999'), undefined);
});

s('Go float syntax including hex floats and special names', () => {
  assert.is(parseGoFloat('1.5e2'), 150);
  assert.is(parseGoFloat('.5'), 0.5);
  assert.is(parseGoFloat('0x1p-2'), 0.25);
  assert.is(parseGoFloat('-Inf'), -Infinity);
  assert.is(parseGoFloat('1.2.3'), undefined);
  assert.is(parseGoFloat(' 1'), undefined);
});

s('number literals know whether they are integers', () => {
  assert.equal(parseNumberLiteral('42'), { value: 42, isInt: true });
  assert.equal(parseNumberLiteral('1.5'), { value: 1.5, isInt: false });
  assert.equal(parseNumberLiteral('2.0'), { value: 2, isInt: true });
  assert.is(parseNumberLiteral('1e'), 'illegal number syntax: "1e"');
  assert.is(typeof parseNumberLiteral('2i'), 'string');
});

s('string unquoting follows strconv.Unquote', () => {
  assert.is(unquoteGo('"a\\tb\\n"'), 'a\tb\n');
  assert.is(unquoteGo('"\\u00e9\\U0001F600"'), 'é😀');
  assert.is(unquoteGo('"\\xc3\\xa9"'), 'é');
  assert.is(unquoteGo('"\\101"'), 'A');
  assert.is(unquoteGo('`a\\n\r`'), 'a\\n');
  assert.is(unquoteGo('"\\q"'), undefined);
  assert.is(unquoteGo('"\\\'"'), undefined);
});

s('character constants', () => {
  assert.is(parseCharConstant("'a'"), 97);
  assert.is(parseCharConstant("'\\n'"), 10);
  assert.is(parseCharConstant("'\\''"), 39);
  assert.is(parseCharConstant("'é'"), 233);
  assert.is(parseCharConstant("'ab'"), undefined);
});

s('quoting matches strconv.Quote', () => {
  assert.is(quoteGo('a"b\\c\n\u0001é'), '"a\\"b\\\\c\\n\\x01é"');
  assert.is(quoteGo('é\u00a0', true), '"\\u00e9\\u00a0"');
  assert.is(quoteRune(39), "'\\''");
  assert.ok(canBackquote('plain text'));
  assert.not.ok(canBackquote('has `tick`'));
});

s.run();
