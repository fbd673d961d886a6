import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { render } from './helpers.js';

const s = suite('sprig conversion and defaults');

s('toString and toStrings use %v formatting', () => {
  assert.is(render('{{ toString 42 | printf "%q" }}', {}), '"42"');
  assert.is(render('{{ toString .m }}', { m: { a: 1 } }), 'map[a:1]');
  assert.is(render('{{ toStrings (list 1 "a" nil) | printf "%q" }}', {}), '["1" "a"]');
});

s('atoi is strict decimal; int/int64/float64 follow spf13/cast', () => {
  assert.is(render('{{ atoi "42" }} {{ atoi "4x" }} {{ atoi "0x10" }}', {}), '42 0 0');
  assert.is(render('{{ int "0x10" }} {{ int "3.0" }} {{ int "3.5" }} {{ int 3.9 }} {{ int true }} {{ int .missing }}', {}), '16 3 0 3 1 0');
  assert.is(render('{{ int64 "-7" }} {{ float64 "1.5" }} {{ float64 "nope" }} {{ float64 2 | printf "%.1f" }}', {}), '-7 1.5 0 2.0');
  assert.is(render('{{ add (int "2") 1 }}', {}), '3');
});

s('default falls back on empty values only', () => {
  assert.is(render('{{ default "x" .missing }}|{{ default "x" "" }}|{{ default "x" 0 }}|{{ default "x" "set" }}', {}), 'x|x|x|set');
  assert.is(render('{{ .v | default "dflt" }}', { v: 'given' }), 'given');
  assert.is(render('{{ .v | default "dflt" }}', { v: [] }), 'dflt');
});

s('empty, coalesce, all, any', () => {
  assert.is(
    render('{{ empty "" }} {{ empty 0 }} {{ empty .l }} {{ empty "a" }} {{ empty .m }}', { l: [], m: { a: 1 } }),
    'true true true false false',
  );
  assert.is(render('{{ coalesce .a .b "c" "d" }}|{{ coalesce .a 0 }}', { b: '' }), 'c|<no value>');
  assert.is(render('{{ all 1 "a" true }} {{ all 1 "" }} {{ any 0 "" "x" }} {{ any 0 "" }}', {}), 'true false true false');
});

s('ternary picks by a real boolean', () => {
  assert.is(render('{{ ternary "yes" "no" true }}|{{ ternary "yes" "no" (eq 1 2) }}', {}), 'yes|no');
  assert.is(render('{{ eq .os "linux" | ternary "L" "O" }}', { os: 'linux' }), 'L');
});

s.run();
