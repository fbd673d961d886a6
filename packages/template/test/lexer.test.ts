import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { lex } from '../src/lexer.js';
import type { Token } from '../src/lexer.js';

const s = suite('lexer');

function types(tokens: Token[]): string[] {
  return tokens.map((t) => t.type);
}

s('splits text and actions', () => {
  const tokens = lex('a {{ .b }} c');
  assert.equal(types(tokens), ['text', 'leftDelim', 'space', 'field', 'space', 'rightDelim', 'text', 'eof']);
  assert.is(tokens[0]?.value, 'a ');
  assert.is(tokens[3]?.value, '.b');
  assert.is(tokens[6]?.value, ' c');
});

s('trim markers remove surrounding whitespace from text', () => {
  const tokens = lex('a \n\t{{- .x -}} \n b');
  assert.is(tokens[0]?.value, 'a');
  assert.is(tokens.at(-2)?.value, 'b');
  // "{{-3}}" is a negative number, not a trim marker.
  const number = lex('x {{-3}}').find((t) => t.type === 'number');
  assert.is(number?.value, '-3');
});

s('comments vanish, including their trim markers', () => {
  const tokens = lex('a  {{- /* note */ -}}  b');
  assert.equal(types(tokens), ['text', 'text', 'eof']);
  assert.is(tokens[0]?.value + (tokens[1]?.value ?? ''), 'ab');
});

s('fields chain without spaces, variables and keywords are recognised', () => {
  const tokens = lex('{{ $x := .a.b | f (1) }}').filter((t) => t.type !== 'space');
  assert.equal(types(tokens), [
    'leftDelim',
    'variable',
    'declare',
    'field',
    'field',
    'pipe',
    'identifier',
    'leftParen',
    'number',
    'rightParen',
    'rightDelim',
    'eof',
  ]);
  const keywords = lex('{{ if true }}{{ else }}{{ end }}').filter((t) => t.type === 'keyword');
  assert.equal(
    keywords.map((t) => t.value),
    ['if', 'else', 'end'],
  );
  assert.ok(lex('{{ true }}').some((t) => t.type === 'bool'));
  assert.ok(lex('{{ nil }}').some((t) => t.type === 'nil'));
});

s('literals keep their source text', () => {
  const tokens = lex('{{ "a\\"b" `raw` \'c\' 0x1F 1.5e3 }}');
  const literal = tokens.filter((t) => ['string', 'rawString', 'charConstant', 'number'].includes(t.type));
  assert.equal(
    literal.map((t) => t.value),
    ['"a\\"b"', '`raw`', "'c'", '0x1F', '1.5e3'],
  );
});

s('lexical errors become a final error token with a position', () => {
  const unterminated = lex('ab {{ "oops }}');
  const last = unterminated.at(-1);
  assert.is(last?.type, 'error');
  assert.is(last?.value, 'unterminated quoted string');
  assert.is(last?.pos, 6);
  assert.is(lex('{{ .x ').at(-1)?.value, 'unclosed action');
  assert.is(lex('{{/* x').at(-1)?.value, 'unclosed comment');
  assert.is(lex('{{ a ) }}').at(-1)?.value, 'unexpected right paren');
  assert.is(lex('{{ 3x }}').at(-1)?.value, 'bad number syntax: "3x"');
});

s.run();
