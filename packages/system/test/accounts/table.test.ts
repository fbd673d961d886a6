// The table keeps every line it is not asked to change, byte for byte.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { AccountTable } from '../../src/index.js';

const TEXT = '# managed by hand\nroot:x:0:0:root:/root:/bin/bash\n+nisuser::::::\n\nalice:x:1000:1000::/home/alice:/bin/sh\n';

test('parse and print round-trip, comments, blank and NIS lines included', () => {
  assert.is(AccountTable.parse('passwd', TEXT).toString(), TEXT);
  assert.is(
    AccountTable.parse('passwd', 'root:x:0:0::/root:/bin/sh').toString(),
    'root:x:0:0::/root:/bin/sh\n',
    'a missing final newline is added',
  );
});

test('set replaces in place or appends; get pads short lines', () => {
  const t = AccountTable.parse('passwd', TEXT);
  t.set(['alice', 'x', '1000', '1000', 'Alice', '/home/alice', '/bin/bash']);
  t.set(['bob', 'x', '1001', '1001', '', '/home/bob', '/bin/sh']);
  const lines = t.toString().split('\n');
  assert.is(lines[4], 'alice:x:1000:1000:Alice:/home/alice:/bin/bash');
  assert.is(lines[5], 'bob:x:1001:1001::/home/bob:/bin/sh');
  assert.equal(AccountTable.parse('shadow', 'root:*:19000\n').get('root'), ['root', '*', '19000', '', '', '', '', '', '']);
  assert.not.ok(t.get('+nisuser'), 'NIS lines are not entries');
});

test('remove drops every entry of that name and nothing else', () => {
  const t = AccountTable.parse('group', 'a:x:1:\nb:x:2:\na:x:3:\n#a\n');
  assert.is(t.remove('a'), 2);
  assert.is(t.toString(), 'b:x:2:\n#a\n');
  assert.is(t.remove('zzz'), 0);
});

test('a field with a colon or a newline is refused, the table is unchanged', () => {
  const t = AccountTable.parse('passwd', TEXT);
  assert.throws(() => t.set(['eve', 'x', '1', '1', 'a:b', '/', '/bin/sh']), /may not contain ':'/);
  assert.throws(() => t.set(['eve', 'x', '1', '1', 'a\nroot::0:0::/:/bin/sh', '/', '/bin/sh']), /newline/);
  assert.is(t.toString(), TEXT);
});

test('ids collects numeric ids only', () => {
  const t = AccountTable.parse('passwd', 'a:x:0:0:::\nb:x:1000:1000:::\nc:x:oops:1:::\n');
  assert.equal([...t.ids(2)].sort(), [0, 1000]);
});

test.run();
