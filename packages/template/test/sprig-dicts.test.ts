import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { TemplateExecError } from '../src/index.js';
import { render, throwsWith } from './helpers.js';

const s = suite('sprig dicts');

s('dict builds a map; odd keys get an empty string', () => {
  assert.is(render('{{ dict "b" 2 "a" 1 }}', {}), 'map[a:1 b:2]');
  assert.is(render('{{ $d := dict "k" }}[{{ $d.k }}]', {}), '[]');
  assert.is(render('{{ index (dict 1 "one") "1" }}', {}), 'one');
});

s('get, set, unset, hasKey', () => {
  const d = { m: { a: 1 } as Record<string, unknown> };
  assert.is(render('{{ get .m "a" }}|{{ get .m "zz" }}', d), '1|');
  assert.is(render('{{ $_ := set .m "b" 2 }}{{ .m.b }}', d), '2');
  assert.equal(d.m, { a: 1, b: 2 });
  assert.is(render('{{ hasKey .m "a" }} {{ hasKey .m "q" }} {{ hasKey .missing "a" }}', d), 'true false false');
  assert.is(render('{{ $_ := unset .m "a" }}{{ hasKey .m "a" }}', d), 'false');
  throwsWith(() => render('{{ set .missing "a" 1 }}', {}), TemplateExecError, 'assignment to entry in nil map');
  throwsWith(() => render('{{ get .l "a" }}', { l: [1] }), TemplateExecError, 'expected map[string]interface {}; got []interface {}');
});

s('keys and values', () => {
  const d = { m: { b: 2, a: 1 }, n: { c: 3 } };
  assert.is(render('{{ keys .m | sortAlpha }}', d), '[a b]');
  assert.is(render('{{ keys .m .n | sortAlpha | join "," }}', d), 'a,b,c');
  assert.is(render('{{ values .n }}', d), '[3]');
  const map = new Map<string, number>([['x', 1]]);
  assert.is(render('{{ keys . }} {{ values . }} {{ get . "x" }}', map), '[x] [1] 1');
});

s('pick, omit, dig, pluck', () => {
  const d = { m: { a: 1, b: 2, c: 3 }, deep: { x: { y: 'z' } } };
  assert.is(render('{{ pick .m "a" "c" "nope" }}', d), 'map[a:1 c:3]');
  assert.is(render('{{ omit .m "a" }}', d), 'map[b:2 c:3]');
  assert.is(render('{{ dig "x" "y" "dflt" .deep }} {{ dig "x" "q" "dflt" .deep }}', d), 'z dflt');
  assert.is(render('{{ pluck "a" .m (dict "a" 9) (dict "b" 1) }}', d), '[1 9]');
});

s.run();
