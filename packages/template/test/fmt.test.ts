import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { formatValue, sprint, sprintf, sprintln } from '../src/fmt.js';
import { formatFloat } from '../src/go-float.js';
import { eachGives, rendersAs } from './helpers.js';

const s = suite('fmt');

s('integer verbs, width, zero padding and flags', () => {
  assert.is(sprintf('%05d|%-4d|%+d|%x|%X|%#x|%o|%b', [42, 7, 3, 255, 255, 255, 8, 5]), '00042|7   |+3|ff|FF|0xff|10|101');
  assert.is(sprintf('%c%c %q %U', [72, 105, 65, 0x263a]), "Hi 'A' U+263A");
  assert.is(sprintf('%*d|%-*d|', [4, 1, 3, 2]), '   1|2  |');
  assert.is(sprintf('%.3d', [7]), '007');
});

s('float verbs round half to even on the exact binary value', () => {
  // biome-ignore lint/suspicious/noApproximativeNumericConstant: a literal number, as a config would write it
  assert.is(sprintf('%.2f', [3.14159]), '3.14');
  assert.is(sprintf('%.0f %.0f %.1f', [2.5, 3.5, 0.25]), '2 4 0.2');
  // biome-ignore lint/suspicious/noApproximativeNumericConstant: a literal number, as a config would write it
  assert.is(sprintf('%8.3f|%-8.2f|%08.2f', [-3.14159, 1.5, -1.5]), '  -3.142|1.50    |-0001.50');
  assert.is(sprintf('%e %E %g %G', [123456.789, 0.000123, 0.00001234, 1e21]), '1.234568e+05 1.230000E-04 1.234e-05 1E+21');
  assert.is(sprintf('%.3g %g', [1234.5678, 100000]), '1.23e+03 100000');
  assert.is(sprintf('%f', [1]), '1.000000');
});

s('string verbs', () => {
  assert.is(sprintf('%s|%10s|%-6s|%.2s', ['go', 'right', 'left', 'trunc']), 'go|     right|left  |tr');
  assert.is(sprintf('%q', ['say "hi"\n']), '"say \\"hi\\"\\n"');
  assert.is(sprintf('%#q', ['back']), '`back`');
  assert.is(sprintf('%x % X', ['hi', 'hi']), '6869 68 69');
  assert.is(sprintf('%v %t %T %T', ['s', true, 1.5, 'x']), 's true float64 string');
});

s('bad verbs, missing and extra arguments are reported inline', () => {
  assert.is(sprintf('%d', ['x']), '%!d(string=x)');
  assert.is(sprintf('%s', [5]), '%!s(int=5)');
  assert.is(sprintf('%d %d', [1]), '1 %!d(MISSING)');
  assert.is(sprintf('%d', [1, 'extra']), '1%!(EXTRA string=extra)');
  assert.is(sprintf('%s', [null]), '%!s(<nil>)');
  assert.is(sprintf('100%%', []), '100%');
  assert.is(sprintf('%[2]s %[1]s', ['a', 'b']), 'b a');
  assert.is(sprintf('%!', []), '%!!(MISSING)');
  assert.is(sprintf('%', []), '%!(NOVERB)');
});

s('%v on composite values, %#v in Go syntax', () => {
  assert.is(formatValue({ b: [1, 2], a: { c: null } }), 'map[a:map[c:<nil>] b:[1 2]]');
  assert.is(sprintf('%d', [[1, 2]]), '[1 2]');
  assert.is(sprintf('%#v', [{ a: 'x', b: [1] }]), 'map[string]interface {}{"a":"x", "b":[]interface {}{1}}');
  // Dates print like time.Time.String() in the local zone.
  assert.match(formatValue(new Date(2020, 0, 2, 3, 4, 5)), /^2020-01-02 03:04:05 [+-]\d{4} \S+$/);
  assert.match(formatValue(new Date(2020, 0, 2, 3, 4, 5, 120)), /^2020-01-02 03:04:05\.12 /);
  eachGives(formatValue, [
    [Infinity, '+Inf'],
    [Number.NaN, 'NaN'],
  ]);
});

s('Sprint and Sprintln spacing rules', () => {
  assert.is(sprint(['a', 1, 2, 'b', 'c', 3.5, null]), 'a1 2bc3.5 <nil>');
  assert.is(sprintln(['a', 1]), 'a 1\n');
  rendersAs([
    ['{{ print "a" "b" 1 2 }}|{{ println 1 "x" }}', 'ab1 2|1 x\n'],
    ['{{ printf "%s=%v" "k" (list 1 2) }}', 'k=[1 2]'],
  ]);
});

s('formatFloat shortest and fixed forms', () => {
  assert.is(formatFloat(0, 'g', -1), '0');
  assert.is(formatFloat(1e-7, 'g', -1), '1e-07');
  assert.is(formatFloat(123456789, 'g', -1), '1.23456789e+08');
  assert.is(formatFloat(1e21, 'f', -1), '1000000000000000000000');
  assert.is(formatFloat(9.999, 'f', 2), '10.00');
  assert.is(formatFloat(-0.5, 'f', 0), '-0');
});

s.run();
