import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { TemplateExecError } from '../src/index.js';
import { render, rendersAs, throwsWith } from './helpers.js';

const s = suite('sprig lists');

s('list builds a list of any values', () => {
  rendersAs([
    ['{{ list 1 "a" true nil }}', '[1 a true <nil>]'],
    ['{{ list | len }}', '0'],
  ]);
});

s('first, last, rest, initial', () => {
  const d = { l: [1, 2, 3] };
  rendersAs([
    ['{{ first .l }} {{ last .l }} {{ rest .l }} {{ initial .l }}', '1 3 [2 3] [1 2]', d],
    ['{{ first (list) }}', '<no value>'],
  ]);
  throwsWith(() => render('{{ first "abc" }}', {}), TemplateExecError, 'Cannot find first on type string');
});

s('append/push and prepend return new lists', () => {
  const d = { l: [1, 2] };
  assert.is(render('{{ append .l 3 }} {{ push .l 4 }} {{ prepend .l 0 }} {{ .l }}', d), '[1 2 3] [1 2 4] [0 1 2] [1 2]');
  assert.equal(d.l, [1, 2]);
  throwsWith(() => render('{{ append .m 1 }}', { m: {} }), TemplateExecError, 'Cannot push on type map');
});

s('uniq, has, without compare deeply', () => {
  rendersAs([
    ['{{ uniq (list 1 2 1 "a" "a" (list 1) (list 1)) }}', '[1 2 a [1]]'],
    ['{{ has 2 (list 1 2) }} {{ has "2" (list 1 2) }} {{ has 1 .missing }}', 'true false false'],
    ['{{ list 1 2 3 | has 3 }}', 'true'],
    ['{{ without (list 1 2 3 2) 2 3 }}', '[1]'],
  ]);
});

s('reverse, compact, concat, sortAlpha, until', () => {
  rendersAs([
    ['{{ reverse (list 1 2 3) }}', '[3 2 1]'],
    ['{{ compact (list 1 "" 0 nil "x" false) }}', '[1 x]'],
    ['{{ concat (list 1) (list 2 3) (list) }}', '[1 2 3]'],
    ['{{ sortAlpha (list "b" "C" "a" 10 9) }}', '[10 9 C a b]'],
    ['{{ until 3 }} {{ until -2 }}', '[0 1 2] [0 -1]'],
  ]);
});

s.run();
