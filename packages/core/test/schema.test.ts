/** The schema language: coercions as yip's decoder does them, unknown keys, errors, JSON Schema. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { s, yipSchema } from '../src/index.js';
import type { Diagnostic, Schema, YNode } from '../src/index.js';
import { parseYaml } from '../src/load/yaml.js';
import { fromPlain, scalar } from '../src/node.js';
import { INVALID, parseMode } from '../src/schema/dsl.js';

function checkYaml<T>(schema: Schema<T>, text: string) {
  const { node, diagnostics: parseDiagnostics } = parseYaml(text, 'schema.yaml');
  assert.equal(parseDiagnostics, []);
  const diagnostics: Diagnostic[] = [];
  const value = schema.check(node as YNode, { file: 'schema.yaml', diagnostics });
  return { value, diagnostics };
}

test('parseMode reads octal, 0o, hex and decimal, and refuses the rest', () => {
  assert.is(parseMode('0644'), 0o644);
  assert.is(parseMode('0o755'), 0o755);
  assert.is(parseMode('0x1A4'), 0o644);
  assert.is(parseMode('644'), 644);
  assert.is(parseMode('0'), 0);
  assert.is(parseMode('0o'), undefined, 'a prefix without digits');
  assert.is(parseMode('0689'), 689, 'not octal digits: read as decimal, as strconv would fail over to it');
  assert.is(parseMode('rw-r--r--'), undefined);
  assert.is(parseMode(''), undefined);
});

test('mode: numbers as parsed, quoted text as octal, too large or negative refused', () => {
  const m = s.mode();
  const cx = { file: 'f', diagnostics: [] as Diagnostic[] };
  assert.is(m.check(scalar(420), cx), 0o644);
  assert.is(m.check(scalar('644'), cx), 0o644, 'a quoted "644" is meant as octal');
  assert.is(m.check(scalar('0600'), cx), 0o600);
  assert.is(m.check(scalar(0o10000), cx), INVALID);
  assert.is(m.check(scalar(-1), cx), INVALID);
  assert.is(m.check(scalar('u+x'), cx), INVALID);
  assert.is(cx.diagnostics.length, 3);
  assert.match(cx.diagnostics[0]!.message, 'file mode');
});

test('boolean: yes/no/on/off/y/n words, quoted or not, empty is false, other text an error', () => {
  const b = s.boolean();
  const cx = { file: 'f', diagnostics: [] as Diagnostic[] };
  for (const [text, want] of [
    ['yes', true],
    ['On', true],
    ['y', true],
    ['NO', false],
    ['off', false],
    ['false', false],
  ] as const) {
    assert.is(b.check(scalar(text), cx), want, text);
  }
  assert.is(b.check(scalar(null), cx), false);
  assert.is(b.check(scalar('maybe'), cx), INVALID);
  assert.is(cx.diagnostics.length, 1);
});

test('integer: numbers and digit strings; floats and words are errors with a position', () => {
  const { value, diagnostics } = checkYaml(s.record(s.integer()), 'a: 12\nb: "34"\nc: \nd: 1.5\n');
  assert.is(value, INVALID);
  assert.is(diagnostics.length, 1);
  assert.equal([diagnostics[0]!.line, diagnostics[0]!.col], [4, 4]);
  const ok = checkYaml(s.record(s.integer()), 'a: 12\nb: "34"\nc:\n');
  assert.equal(ok.value, { a: 12, b: 34, c: 0 });
});

test('string: a mapping or a list is a type error at its position', () => {
  const { value, diagnostics } = checkYaml(yipSchema.actionSchemas.commands, '- echo\n- {a: b}\n');
  assert.is(value, INVALID);
  assert.is(diagnostics[0]!.code, 'type');
  assert.match(diagnostics[0]!.message, 'expected a string, found mapping');
  assert.is(diagnostics[0]!.line, 2);
});

test('list: an empty value is an empty list; a scalar is an error', () => {
  const l = s.list(s.string());
  const cx = { file: 'f', diagnostics: [] as Diagnostic[] };
  assert.equal(l.check(scalar(null), cx), []);
  assert.is(l.check(scalar('echo hi'), cx), INVALID);
  assert.match(cx.diagnostics[0]!.message, 'expected a list');
});

test('listOrOne: one value becomes a list of one', () => {
  const l = s.listOrOne(s.string());
  const cx = { file: 'f', diagnostics: [] as Diagnostic[] };
  assert.equal(l.check(scalar('one'), cx), ['one']);
  assert.equal(l.check(fromPlain(['a', 'b']), cx), ['a', 'b']);
});

test('object: unknown keys are warnings with the position and the nearest known key; the rest is kept', () => {
  const { value, diagnostics } = checkYaml(yipSchema.FileEntry, 'path: /etc/x\npermsisions: 0600\ncontent: hi\n');
  assert.equal(value, { path: '/etc/x', content: 'hi' });
  assert.is(diagnostics.length, 1);
  const w = diagnostics[0]!;
  assert.is(w.severity, 'warning');
  assert.is(w.code, 'unknown-key');
  assert.equal([w.line, w.col], [2, 1]);
  assert.match(w.message, '`permsisions`');
  assert.match(w.message, 'did you mean `permissions`?');
});

test('object: an unknown key far from any known one gets no suggestion', () => {
  const { diagnostics } = checkYaml(yipSchema.FileEntry, 'path: /x\nzzzzzzzz: 1\n');
  assert.is(diagnostics.length, 1);
  assert.not.match(diagnostics[0]!.message, 'did you mean');
});

test('object: aliases map to the canonical key (owner_string → ownerstring)', () => {
  const { value, diagnostics } = checkYaml(yipSchema.FileEntry, 'path: /x\nowner_string: "kairos:admin"\n');
  assert.equal(value, { path: '/x', ownerstring: 'kairos:admin' });
  assert.equal(diagnostics, []);
});

test('object: required keys (after[].name) are errors when missing', () => {
  const { value, diagnostics } = checkYaml(yipSchema.After, '- name: a\n- nmae: b\n');
  assert.is(value, INVALID);
  assert.ok(diagnostics.some((d) => d.code === 'required' && d.message.includes('`name`') && d.line === 2));
  assert.ok(diagnostics.some((d) => d.code === 'unknown-key' && d.message.includes('did you mean `name`')));
});

test('object: an invalid field makes the whole object invalid, with every error reported', () => {
  const { value, diagnostics } = checkYaml(yipSchema.FileEntry, 'path: [a]\npermissions: wide\n');
  assert.is(value, INVALID);
  assert.equal(
    diagnostics.map((d) => d.line),
    [1, 2],
  );
});

test('enumOf: values outside the set are errors listing the choices', () => {
  const e = s.enumOf(['systemd', 'openrc']);
  const cx = { file: 'f', diagnostics: [] as Diagnostic[] };
  assert.is(e.check(scalar('openrc'), cx), 'openrc');
  assert.is(e.check(scalar('upstart'), cx), INVALID);
  assert.match(cx.diagnostics[0]!.message, 'systemd, openrc');
});

test('oneOf: picks the schema by the node kind', () => {
  const o = s.oneOf(s.string(), s.list(s.string()), (n) => (n.kind === 'seq' ? 'b' : 'a'));
  const cx = { file: 'f', diagnostics: [] as Diagnostic[] };
  assert.is(o.check(scalar('x'), cx), 'x');
  assert.equal(o.check(fromPlain(['x']), cx), ['x']);
});

test('a whole yip step validates with typed values', () => {
  const step = s.object({ ...yipSchema.stepCoreSchemas, ...yipSchema.conditionSchemas, ...yipSchema.actionSchemas });
  const { value, diagnostics } = checkYaml(
    step,
    `name: all
after: [{name: other}]
if: test -e /x
if_files: {any: [/a], none: [/b]}
users:
  kairos: {uid: 1000, groups: [admin], lock_passwd: yes}
sysctl: {vm.swappiness: 10}
packages: {install: [vim], refresh: on}
dns: {nameservers: [1.1.1.1]}
`,
  );
  assert.equal(diagnostics, []);
  assert.equal(value, {
    name: 'all',
    after: [{ name: 'other' }],
    if: 'test -e /x',
    if_files: { any: ['/a'], none: ['/b'] },
    users: { kairos: { uid: '1000', groups: ['admin'], lock_passwd: true } },
    sysctl: { 'vm.swappiness': '10' },
    packages: { install: ['vim'], refresh: true },
    dns: { nameservers: ['1.1.1.1'] },
  });
});

test('describe adds a description to the JSON Schema; objects forbid other properties', () => {
  const json = yipSchema.FileEntry.toJSONSchema();
  assert.is(json.type, 'object');
  assert.is(json.additionalProperties, false);
  assert.match(json.properties!.permissions!.description!, '0644');
  assert.match(json.properties!.owner_string!.description!, 'alias of `ownerstring`');
  assert.equal(yipSchema.After.toJSONSchema().items!.required, ['name']);
});

test.run();
