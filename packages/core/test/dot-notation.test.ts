/** Dot notation, as read from the kernel command line with `-d`. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseDotNotation, parseText, shellSplit } from '../src/index.js';
import { parsePath } from '../src/load/dot-notation.js';
import { toPlain } from '../src/node.js';

test('shellSplit: whitespace separates, quotes group, backslash escapes', () => {
  assert.equal(shellSplit('  a  b\tc\n'), ['a', 'b', 'c']);
  assert.equal(shellSplit(`x="echo hi" y='a "b"' z=a\\ b`), ['x=echo hi', 'y=a "b"', 'z=a b']);
  assert.equal(shellSplit('"a\\"b\\\\c\\n"'), ['a"b\\c\\n'], 'inside double quotes only \\" \\\\ \\$ \\` are escapes');
  assert.equal(shellSplit(`''`), [''], 'empty quotes are an empty word');
  assert.equal(shellSplit(''), []);
  assert.equal(shellSplit('a"b c"d'), ['ab cd']);
});

test('parsePath: names and indexes; malformed paths are undefined', () => {
  assert.equal(parsePath('stages.boot[0].commands[1]'), ['stages', 'boot', 0, 'commands', 1]);
  assert.equal(parsePath('a[0][2]'), ['a', 0, 2]);
  assert.is(parsePath('a..b'), undefined);
  assert.is(parsePath('a[x]'), undefined);
  assert.is(parsePath(''), undefined);
});

test('a kernel command line sets paths; values are strings; a token without `=` is "true"', () => {
  const { value, rejected } = parseDotNotation(
    'BOOT_IMAGE=/vmlinuz root=LABEL=COS_ACTIVE stages.boot[0].commands[0]="echo hi" stages.boot[0].name=first stages.boot[0].files[0].permissions=0600 rd.neednet quiet',
  );
  assert.equal(rejected, []);
  assert.equal(value, {
    BOOT_IMAGE: '/vmlinuz',
    root: 'LABEL=COS_ACTIVE',
    stages: { boot: [{ commands: ['echo hi'], name: 'first', files: [{ permissions: '0600' }] }] },
    rd: { neednet: 'true' },
    quiet: 'true',
  });
});

test('sparse indexes lose their holes, keeping order', () => {
  const { value } = parseDotNotation('a[2]=two a[0]=zero a[5]=five');
  assert.equal(value, { a: ['zero', 'two', 'five'] });
});

test('tokens that cannot be paths are rejected, not fatal', () => {
  const { value, rejected } = parseDotNotation('[0]=x a[b]=y good=1 a.b=1 a[0]=2');
  assert.ok(rejected.includes('[0]=x'));
  assert.ok(rejected.includes('a[b]=y'));
  assert.ok(rejected.includes('a[0]=2'), 'a is a map already');
  assert.equal(value, { good: '1', a: { b: '1' } });
});

test('parseText in dot-notation mode gives a config with the steps; a permission string is octal to the schema', () => {
  const file = parseText(
    'console=tty1 stages.network[0].commands[0]="echo from cmdline" stages.network[0].name=cmd',
    '/proc/cmdline',
    true,
  );
  assert.ok(file.ok);
  assert.equal(file.stages.get('network')!.map(toPlain), [{ commands: ['echo from cmdline'], name: 'cmd' }]);
  assert.equal(file.diagnostics, [], 'other kernel parameters are no concern of yip: no unknown-key warning for `console`');
});

test('rejected tokens are warnings of the file', () => {
  const file = parseText('stages.boot[x]=1', 'cmdline', true);
  const w = file.diagnostics.find((d) => d.code === 'dot-notation');
  assert.ok(w);
  assert.match(w!.message, 'stages.boot[x]=1');
});

test.run();
