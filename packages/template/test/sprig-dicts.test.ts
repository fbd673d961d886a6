import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { TemplateExecError } from '../src/index.js';
import { render, rendersAs, throwsWith } from './helpers.js';

const s = suite('sprig dicts');

s('dict builds a map; odd keys get an empty string', () => {
  rendersAs([
    ['{{ dict "b" 2 "a" 1 }}', 'map[a:1 b:2]'],
    ['{{ $d := dict "k" }}[{{ $d.k }}]', '[]'],
    ['{{ index (dict 1 "one") "1" }}', 'one'],
  ]);
});

s('get, set, unset, hasKey', () => {
  const d = { m: { a: 1 } as Record<string, unknown> };
  rendersAs([
    ['{{ get .m "a" }}|{{ get .m "zz" }}', '1|', d],
    ['{{ $_ := set .m "b" 2 }}{{ .m.b }}', '2', d],
  ]);
  assert.equal(d.m, { a: 1, b: 2 });
  rendersAs([
    ['{{ hasKey .m "a" }} {{ hasKey .m "q" }} {{ hasKey .missing "a" }}', 'true false false', d],
    ['{{ $_ := unset .m "a" }}{{ hasKey .m "a" }}', 'false', d],
  ]);
  throwsWith(() => render('{{ set .missing "a" 1 }}', {}), TemplateExecError, 'assignment to entry in nil map');
  throwsWith(() => render('{{ get .l "a" }}', { l: [1] }), TemplateExecError, 'expected map[string]interface {}; got []interface {}');
});

s('keys and values', () => {
  const d = { m: { b: 2, a: 1 }, n: { c: 3 } };
  rendersAs([
    ['{{ keys .m | sortAlpha }}', '[a b]', d],
    ['{{ keys .m .n | sortAlpha | join "," }}', 'a,b,c', d],
    ['{{ values .n }}', '[3]', d],
  ]);
  const map = new Map<string, number>([['x', 1]]);
  assert.is(render('{{ keys . }} {{ values . }} {{ get . "x" }}', map), '[x] [1] 1');
});

s('pick, omit, dig, pluck', () => {
  const d = { m: { a: 1, b: 2, c: 3 }, deep: { x: { y: 'z' } } };
  rendersAs([
    ['{{ pick .m "a" "c" "nope" }}', 'map[a:1 c:3]', d],
    ['{{ omit .m "a" }}', 'map[b:2 c:3]', d],
    ['{{ dig "x" "y" "dflt" .deep }} {{ dig "x" "q" "dflt" .deep }}', 'z dflt', d],
    ['{{ pluck "a" .m (dict "a" 9) (dict "b" 1) }}', '[1 9]', d],
  ]);
});

s.run();
