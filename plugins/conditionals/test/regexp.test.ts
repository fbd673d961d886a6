/** Go regexps as configs write them, matched as Go's MatchString does. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { goRegExp, matches } from '../src/regexp.js';

test('unanchored: a match anywhere counts', () => {
  assert.ok(matches('Leap', 'openSUSE Leap Micro 6.0'));
  assert.not.ok(matches('^Leap', 'openSUSE Leap Micro 6.0'));
  assert.ok(matches('', 'anything'));
});

test('Go inline flags at the start become JavaScript flags; U (ungreedy) is dropped', () => {
  assert.ok(matches('(?i)ubuntu', 'Ubuntu 24.04'));
  assert.not.ok(matches('ubuntu', 'Ubuntu 24.04'));
  assert.is(goRegExp('(?is)a.b').flags, 'is');
  assert.is(goRegExp('(?iU)a').flags, 'i');
  assert.is(goRegExp('(?ii)a').flags, 'i');
  assert.ok(matches('(?s)a.b', 'a\nb'));
});

test('an invalid pattern is an error that names it', () => {
  assert.throws(() => matches('a(b', 'x'), /invalid regular expression `a\(b`/);
});

test.run();
