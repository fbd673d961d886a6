import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { render, rendersAs } from './helpers.js';

const s = suite('sprig conversion and defaults');

s('toString and toStrings use %v formatting', () => {
  rendersAs([
    ['{{ toString 42 | printf "%q" }}', '"42"'],
    ['{{ toString .m }}', 'map[a:1]', { m: { a: 1 } }],
    ['{{ toStrings (list 1 "a" nil) | printf "%q" }}', '["1" "a"]'],
  ]);
});

s('atoi is strict decimal; int/int64/float64 follow spf13/cast', () => {
  rendersAs([
    ['{{ atoi "42" }} {{ atoi "4x" }} {{ atoi "0x10" }}', '42 0 0'],
    ['{{ int "0x10" }} {{ int "3.0" }} {{ int "3.5" }} {{ int 3.9 }} {{ int true }} {{ int .missing }}', '16 3 0 3 1 0'],
    ['{{ int64 "-7" }} {{ float64 "1.5" }} {{ float64 "nope" }} {{ float64 2 | printf "%.1f" }}', '-7 1.5 0 2.0'],
    ['{{ add (int "2") 1 }}', '3'],
  ]);
});

s('default falls back on empty values only', () => {
  rendersAs([
    ['{{ default "x" .missing }}|{{ default "x" "" }}|{{ default "x" 0 }}|{{ default "x" "set" }}', 'x|x|x|set'],
    ['{{ .v | default "dflt" }}', 'given', { v: 'given' }],
    ['{{ .v | default "dflt" }}', 'dflt', { v: [] }],
  ]);
});

s('empty, coalesce, all, any', () => {
  assert.is(
    render('{{ empty "" }} {{ empty 0 }} {{ empty .l }} {{ empty "a" }} {{ empty .m }}', { l: [], m: { a: 1 } }),
    'true true true false false',
  );
  rendersAs([
    ['{{ coalesce .a .b "c" "d" }}|{{ coalesce .a 0 }}', 'c|<no value>', { b: '' }],
    ['{{ all 1 "a" true }} {{ all 1 "" }} {{ any 0 "" "x" }} {{ any 0 "" }}', 'true false true false'],
  ]);
});

s('ternary picks by a real boolean', () => {
  rendersAs([
    ['{{ ternary "yes" "no" true }}|{{ ternary "yes" "no" (eq 1 2) }}', 'yes|no'],
    ['{{ eq .os "linux" | ternary "L" "O" }}', 'L', { os: 'linux' }],
  ]);
});

s.run();
