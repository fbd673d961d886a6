/** YAML text to located nodes: yip's YAML 1.1 habits, merges, duplicates, bombs, positions. */
import { readFileSync } from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseText, yipSchema } from '../src/index.js';
import type { Diagnostic, YNode } from '../src/index.js';
import { parseYaml } from '../src/load/yaml.js';
import { toPlain } from '../src/node.js';
import { corpusFile } from '@yipts/test-fixtures';
import { INVALID } from '../src/schema/dsl.js';

function parsed(text: string): { node: YNode | undefined; diagnostics: Diagnostic[] } {
  return parseYaml(text, 'test.yaml');
}

function plain(text: string): unknown {
  const r = parsed(text);
  assert.equal(
    r.diagnostics.filter((d) => d.severity === 'error'),
    [],
    'no errors expected',
  );
  return r.node ? toPlain(r.node) : undefined;
}

/** The first step of stage `s` of a config, checked against the `files` schema. */
function fileModes(text: string): (number | undefined)[] {
  const file = parseText(text, 'modes.yaml', false);
  const step = file.stages.get('s')?.[0];
  assert.ok(step && step.kind === 'map', 'a step');
  const filesNode = step.entries.find((e) => e.key === 'files')!.value;
  const diagnostics: Diagnostic[] = [];
  const checked = yipSchema.actionSchemas.files.check(filesNode, { file: 'modes.yaml', diagnostics });
  assert.is.not(checked, INVALID, JSON.stringify(diagnostics));
  if (checked === INVALID) return [];
  return checked.map((f) => f.permissions);
}

test('file modes: 0644 is octal, 644 decimal, 0o644 and 0x1a4 octal/hex, quoted "0644" octal', () => {
  const modes = fileModes(`
stages:
  s:
    - files:
        - {path: /a, permissions: 0644}
        - {path: /b, permissions: 644}
        - {path: /c, permissions: 0o644}
        - {path: /d, permissions: 0x1a4}
        - {path: /e, permissions: "0644"}
        - {path: /f, permissions: 0}
        - {path: /g}
`);
  assert.equal(modes, [0o644, 644, 0o644, 0o644, 0o644, 0, undefined]);
  assert.is(644, 0o1204, 'decimal 644 is mode 1204 octal, as yip has it');
});

test('yes/no/on/off are booleans (YAML 1.1)', () => {
  assert.equal(plain('a: yes\nb: no\nc: on\nd: off\ne: true\nf: "yes"'), { a: true, b: false, c: true, d: false, e: true, f: 'yes' });
});

test('a string field takes any scalar as written: 1002 → "1002", 1.10 stays "1.10", yes stays "yes"', () => {
  const node = parsed('uid: 1002\nversion: 1.10\nshell: yes\nempty:\nhex: 0x10').node!;
  assert.is(node.kind, 'map');
  if (node.kind !== 'map') return;
  const str = yipSchema.User.shape.uid;
  const diagnostics: Diagnostic[] = [];
  const as = (key: string) => str.check(node.entries.find((e) => e.key === key)!.value, { file: 'f', diagnostics });
  assert.is(as('uid'), '1002');
  assert.is(as('version'), '1.10');
  assert.is(as('shell'), 'yes');
  assert.is(as('empty'), '');
  assert.is(as('hex'), '0x10');
  assert.equal(diagnostics, []);
});

test('anchors and `<<` merges: merged keys present, explicit keys win, wherever they are written', () => {
  const value = plain(`
base: &base
  name: base
  commands: [a]
  if: "true"
early:
  name: mine
  <<: *base
late:
  <<: *base
  name: mine
multi:
  <<: [{a: 1, b: 1}, {b: 2, c: 2}]
`) as Record<string, Record<string, unknown>>;
  assert.equal(value.early, { name: 'mine', commands: ['a'], if: 'true' });
  assert.equal(value.late, { commands: ['a'], if: 'true', name: 'mine' });
  assert.equal(value.multi, { a: 1, b: 1, c: 2 }, 'earlier maps of a merge list win');
});

test('the corpus file with anchors and merges loads: merged steps keep their names and keys', () => {
  const path = corpusFile('cos-toolkit/packages/cloud-config/oem/08_boot_assessment.yaml');
  const file = parseText(readFileSync(path, 'utf8'), path, false);
  assert.ok(file.ok);
  assert.equal(
    file.diagnostics.filter((d) => d.severity === 'error'),
    [],
  );
  const upgrade = file.stages.get('after-upgrade')!;
  assert.is(upgrade.length, 5);
  const names = upgrade.map((n) => (n.kind === 'map' ? toPlain(n.entries.find((e) => e.key === 'name')!.value) : undefined));
  assert.equal(names, [
    'Mount state',
    'Set upgrade sentinel',
    'Hook boot assessment grub configuration',
    'Add boot assessment grub configuration',
    'umount state',
  ]);
  const hook = toPlain(upgrade[2]!) as Record<string, unknown>;
  assert.match(String(hook.if), 'grub_boot_assessment');
  assert.ok(Array.isArray(hook.commands));
});

test('only the first document of a stream counts, with a warning at the second', () => {
  const r = parsed('a: 1\n---\nb: 2\n');
  assert.equal(toPlain(r.node!), { a: 1 });
  const w = r.diagnostics.find((d) => d.code === 'multi-document');
  assert.ok(w);
  assert.is(w!.severity, 'warning');
  assert.is(w!.line, 2);
});

test('a duplicate key is an error naming both lines', () => {
  const r = parsed('stages:\n  boot:\n    - commands: [a]\n  boot:\n    - commands: [b]\n');
  assert.is(r.node, undefined);
  const e = r.diagnostics.find((d) => d.severity === 'error');
  assert.ok(e);
  assert.match(e!.message, 'duplicate key `boot`');
  assert.match(e!.message, 'line 2');
  assert.is(e!.line, 4);
  assert.is(e!.col, 3);
  assert.is(parseText('a: 1\na: 2\n', 'dup.yaml', false).ok, false, 'the file is refused');
});

test('an earlier empty duplicate (`stages:` then `stages:` again, as in the seed document) is a warning; the later wins', () => {
  const text = 'stages:\nname: "Install something"\nstages:\n   after-upgrade-chroot:\n     - commands:\n        - zypper in -y vim\n';
  const file = parseText(text, 'seed.yaml', false);
  assert.ok(file.ok);
  assert.is(file.name, 'Install something');
  assert.is(file.stages.get('after-upgrade-chroot')?.length, 1);
  const w = file.diagnostics.find((d) => d.code === 'duplicate-key');
  assert.ok(w);
  assert.is(w!.severity, 'warning');
  assert.is(w!.line, 3);
  assert.match(w!.message, 'line 1');
});

test('a billion-laughs alias bomb (9 levels) is refused quickly', () => {
  const lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (let i = 1; i < 9; i++) {
    const prev = String.fromCharCode(96 + i);
    const name = String.fromCharCode(97 + i);
    lines.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(',')}]`);
  }
  const started = performance.now();
  const r = parsed(lines.join('\n'));
  const elapsed = performance.now() - started;
  assert.is(r.node, undefined);
  const e = r.diagnostics.find((d) => d.severity === 'error');
  assert.ok(e, 'an error');
  assert.match(e!.message, 'alias');
  assert.ok(elapsed < 2000, `took ${elapsed} ms`);
});

test('an alias takes the last anchor of its name before it; empty values and unknown aliases are fine to meet', () => {
  assert.equal(plain('a: &x 1\nb: *x\nc: &x 2\nd: *x\ne:\nf: &y\ng: *y\n'), { a: 1, b: 1, c: 2, d: 2, e: null, f: null, g: null });
  const unknown = parsed('a: 1\nb: *later\nc: &later 2\n');
  const errors = unknown.diagnostics.filter((d) => d.severity === 'error');
  assert.ok(
    errors.some((d) => d.line === 2),
    JSON.stringify(errors.map((d) => d.message)),
  );
});

test('2,000 merges of one anchor all resolve, each with its own name', () => {
  const steps = Array.from({ length: 2_000 }, (_, i) => `    - <<: *base\n      name: s${i}\n`).join('');
  const r = parsed(`base: &base {commands: [true], if: '[ -e /x ]'}\nstages:\n  s:\n${steps}`);
  assert.equal(r.diagnostics, []);
  const stages = (toPlain(r.node!) as { stages: { s: { name: string; commands: string[] }[] } }).stages.s;
  assert.equal([stages.length, stages[1_999]!.name, stages[1_999]!.commands], [2_000, 's1999', [true]]);
});

test('an alias to its own container is an error, not a hang', () => {
  const r = parsed('a: &x\n  b: *x\n');
  assert.is(r.node, undefined);
  assert.ok(r.diagnostics.some((d) => d.severity === 'error'));
});

test('a syntax error has a line and column', () => {
  const r = parsed('stages:\n  boot:\n    - commands: [a\n  other: x\n');
  const e = r.diagnostics.find((d) => d.severity === 'error');
  assert.ok(e);
  assert.is(e!.code, 'yaml');
  assert.type(e!.line, 'number');
  assert.type(e!.col, 'number');
  assert.ok(e!.line! >= 3, `line ${e!.line}`);
  assert.not.match(e!.message, '\n', 'one line');
});

test('a bad indentation error points at its line', () => {
  const r = parsed('stages:\n  boot:\n    - name: x\n   commands: [a]\n');
  const e = r.diagnostics.find((d) => d.severity === 'error');
  assert.ok(e);
  assert.is(e!.line, 4);
});

test('empty text: no node, no error', () => {
  assert.equal(parsed(''), { node: undefined, diagnostics: [] });
  const comments = parsed('# only a comment\n');
  assert.ok(comments.node === undefined || (comments.node.kind === 'scalar' && comments.node.value === null));
});

test('positions are 1-based lines and columns of keys and values', () => {
  const node = parsed('stages:\n  boot:\n    - name: x\n      commands:\n        - echo\n').node!;
  if (node.kind !== 'map') return assert.unreachable('map');
  const stages = node.entries[0]!;
  assert.equal(stages.keyPos, { line: 1, col: 1 });
  if (stages.value.kind !== 'map') return assert.unreachable('map');
  assert.equal(stages.value.entries[0]!.keyPos, { line: 2, col: 3 });
  const steps = stages.value.entries[0]!.value;
  if (steps.kind !== 'seq') return assert.unreachable('seq');
  const step = steps.items[0]!;
  if (step.kind !== 'map') return assert.unreachable('map');
  assert.equal(step.entries[1]!.keyPos, { line: 4, col: 7 });
  const cmds = step.entries[1]!.value;
  if (cmds.kind !== 'seq') return assert.unreachable('seq');
  assert.equal(cmds.items[0]!.pos, { line: 5, col: 11 });
});

test('quoted and block scalars are marked quoted; plain ones are not', () => {
  const node = parsed('a: "0644"\nb: 0644\nc: |\n  text\n').node!;
  if (node.kind !== 'map') return assert.unreachable('map');
  const [a, b, c] = node.entries.map((e) => e.value);
  assert.ok(a!.kind === 'scalar' && a!.quoted && a!.value === '0644');
  assert.ok(b!.kind === 'scalar' && !b!.quoted && b!.value === 0o644 && b!.source === '0644');
  assert.ok(c!.kind === 'scalar' && c!.quoted && c!.value === 'text\n');
});

test('keys are text as written, even when YAML 1.1 reads them as other types (on:, 123:, 0644:)', () => {
  const node = parsed('on: a\n123: b\n0644: c\n"<<": d\nyes: e\n').node!;
  if (node.kind !== 'map') return assert.unreachable('map');
  assert.equal(
    node.entries.map((e) => e.key),
    ['on', '123', '0644', '<<', 'yes'],
  );
});

test.run();
