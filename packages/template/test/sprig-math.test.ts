import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { TemplateExecError } from '../src/index.js';
import { render, rendersAs, throwsWith } from './helpers.js';

const s = suite('sprig math');

s('add, add1, sub, mul convert operands to integers', () => {
  rendersAs([
    ['{{ add 1 2 3 }} {{ add }} {{ add1 41 }} {{ sub 10 "3" }} {{ mul 2 3 4 }}', '6 0 42 7 24'],
    ['{{ add 1.9 1.9 }}', '2'],
    ['{{ .n | add1 }}', '10', { n: '9' }],
  ]);
});

s('div and mod truncate toward zero and reject division by zero', () => {
  assert.is(render('{{ div 7 2 }} {{ div -7 2 }} {{ mod 7 3 }} {{ mod -7 3 }}', {}), '3 -3 1 -1');
  throwsWith(() => render('{{ div 1 0 }}', {}), TemplateExecError, 'error calling div: runtime error: integer divide by zero');
  throwsWith(() => render('{{ mod 1 0 }}', {}), TemplateExecError, 'integer divide by zero');
});

s('max and min', () => {
  assert.is(render('{{ max 1 5 3 }} {{ min 4 2 8 }} {{ max 3 }} {{ min "7" 9 }}', {}), '5 2 3 7');
});

s('floor, ceil, round', () => {
  rendersAs([
    ['{{ floor 1.7 }} {{ ceil 1.2 }} {{ floor "-1.5" }}', '1 2 -2'],
    ['{{ round 3.14159 2 }} {{ round 2.5 0 }} {{ round 2.4 0 }} {{ round 2.45 1 0.6 }}', '3.14 3 2 2.4'],
  ]);
});

s.run();
