/** Go regexps as configs write them in node/only_os/…, matched as Go's MatchString does. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { matches } from '@yipts/template/go-regexp';

test('unanchored: a match anywhere counts', () => {
  assert.ok(matches('Leap', 'openSUSE Leap Micro 6.0'));
  assert.not.ok(matches('^Leap', 'openSUSE Leap Micro 6.0'));
  assert.ok(matches('', 'anything'));
});

test('RE2 syntax: POSIX classes, named groups, \\pL', () => {
  assert.ok(matches('^[[:alpha:]]+$', 'abc'));
  assert.not.ok(matches('^[[:alpha:]]+$', 'ab1'));
  assert.ok(matches('^(?P<v>\\d+)\\.\\d+$', '24.04'));
  assert.ok(matches('^\\pL+$', 'Übuntu'));
});

test('inline flags (?i) (?s) (?U) are honoured, not dropped', () => {
  assert.ok(matches('(?i)ubuntu', 'Ubuntu 24.04'));
  assert.not.ok(matches('ubuntu', 'Ubuntu 24.04'));
  assert.ok(matches('(?s)a.b', 'a\nb'));
  assert.not.ok(matches('a.b', 'a\nb'));
  // Ungreedy: `a+?` under (?U) is greedy again, so the anchored pattern still matches.
  assert.ok(matches('(?U)^a+?$', 'aaa'));
});

test('a pathological pattern ends in milliseconds (linear-time engine)', () => {
  const started = performance.now();
  assert.not.ok(matches('^([a-zA-Z0-9 .]+)*_$', 'openSUSE Leap Micro 6.0 with a long tail of words and 12345'));
  assert.ok(performance.now() - started < 500, 'matching took too long');
});

test('an invalid pattern is an error that names it, with Go wording', () => {
  assert.throws(() => matches('a(b', 'x'), /invalid regular expression `a\(b`: error parsing regexp: missing closing \)/);
  assert.throws(() => matches('x(?=y)', 'xy'), /invalid regular expression/);
});

test.run();
