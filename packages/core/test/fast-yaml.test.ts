/**
 * The fast reader must build exactly the tree the precise reader builds (positions aside): the
 * engine uses whichever it has, and a difference would change what a config means.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createExecutor } from '../src/index.js';
import type { YNode } from '../src/index.js';
import { fastParse } from '../src/load/fast-yaml.js';
import { parseText } from '../src/load/sources.js';
import { parseYaml } from '../src/load/yaml.js';
import { planStage } from '../src/plan/plan-stage.js';
import { compose } from '../src/registry.js';
import { createHooks } from '../src/hooks.js';

/**
 * The tree without positions; for strings only the value counts (that is all the schema reads),
 * and mappings are compared by key, not order (yip decodes them into Go maps, which have none).
 */
function shape(node: YNode, seen = new Map<YNode, unknown>()): unknown {
  const known = seen.get(node);
  if (known !== undefined) return known;
  let out: unknown;
  if (node.kind === 'scalar') out = typeof node.value === 'string' ? { s: node.value } : { v: node.value, src: node.source };
  else if (node.kind === 'seq') out = node.items.map((i) => shape(i, seen));
  else out = node.entries.map((e) => [e.key, shape(e.value, seen)] as const).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  seen.set(node, out);
  return out;
}

function both(text: string): { fast: unknown; precise: unknown } {
  const fast = fastParse(text);
  const precise = parseYaml(text, 'x.yaml');
  assert.equal(
    precise.diagnostics.filter((d) => d.severity === 'error'),
    [],
    'the sample is valid YAML',
  );
  assert.ok(fast !== undefined && fast !== 'empty', 'the fast reader read it');
  return { fast: shape(fast as YNode), precise: shape(precise.node!) };
}

test('YAML 1.1 scalars resolve to the same values, with the same text as written', () => {
  const text = [
    'a: 0644',
    'b: 644',
    'c: 0o644',
    'd: 0x1a4',
    'e: yes',
    'f: No',
    'g: ~',
    'h: null',
    'i: 1.10',
    'j: 1:20',
    'k: 2001-12-14',
    'l: "0644"',
    "m: '~'",
    'n: +12',
    'o: 1_000',
    'p: .inf',
    'q: 1e3',
    'r: -0b101',
    's: 0.5',
    't: .NaN',
    'u: y',
    'v: OFF',
    'w: -017',
  ].join('\n');
  const { fast, precise } = both(text);
  assert.equal(fast, precise);
});

test('block scalars, flow collections, anchors and merges give the same tree', () => {
  const text = `
literal: |
  line1
   indented more
  last
folded: >
  folded
  text

  paragraph
keep: |+
  kept

strip: |-
  stripped
flow: [a, "b", 3, {k: v}]
base: &base {k: v, n: 1, deep: {x: 1}}
merged: {<<: *base, n: 2}
seq_merge: {<<: [*base, {z: 1, k: other}], own: true}
alias: *base
on: key-on
0644: octal key
empty:
list:
  -
  - x
quoted: "tab\\tand \\u00e9"
single: 'it''s'
`;
  const { fast, precise } = both(text);
  assert.equal(fast, precise);
});

test('what the fast reader does not take goes to the precise one', () => {
  assert.is(fastParse('a: 1\na: 2\n'), undefined, 'duplicate keys');
  assert.is(fastParse('a: 1\n---\nb: 2\n'), undefined, 'several documents');
  assert.is(fastParse('a: !!binary aGk=\n'), undefined, 'explicit tags');
  assert.is(fastParse('a: [unclosed\n'), undefined, 'syntax errors');
  assert.is(fastParse('? [a, b]\n: c\n'), undefined, 'complex keys');
  assert.is(fastParse('b: 1\n1: a\n'), undefined, 'integer-like keys (a JavaScript object would reorder them)');
  assert.is(fastParse(''), 'empty');
  const bomb = ['a: &a [x, x, x, x, x, x, x, x, x, x]']
    .concat(['b', 'c', 'd', 'e', 'f', 'g'].map((k, i) => `${k}: &${k} [${Array(10).fill(`*${'abcdef'[i]}`).join(', ')}]`))
    .join('\n');
  assert.is(fastParse(bomb), undefined, 'an alias bomb');
});

import { CORPUS_DIR as CORPUS } from '@yipts/test-fixtures';

function corpusFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((n) => {
      const f = join(dir, n);
      return statSync(f).isDirectory() ? corpusFiles(f) : /\.ya?ml$/.test(n) ? [f] : [];
    });
}

test('every corpus file plans the same steps for every stage, read either way', () => {
  const registry = compose([], createHooks());
  let compared = 0;
  for (const file of corpusFiles(CORPUS)) {
    const text = readFileSync(file, 'utf8');
    const precise = parseText(text, file, false);
    const fast = parseText(text, file, false, undefined, true);
    for (const stage of precise.stages.keys()) {
      const a = planStage([precise], stage, registry.stepSchema);
      const b = planStage([fast], stage, registry.stepSchema);
      assert.equal(
        b.steps.map((s) => [s.id, s.after, s.spec]),
        a.steps.map((s) => [s.id, s.after, s.spec]),
        `${file} ${stage}`,
      );
      compared += a.steps.length;
    }
  }
  assert.ok(compared > 150, `${compared} steps compared`);
});

test('a file with something to report is read again: its messages keep line and column', async () => {
  const warnings: string[] = [];
  const executor = createExecutor({
    plugins: [],
    logger: { log: (level, message, meta) => void (level === 'warning' && warnings.push(`${meta?.line}:${meta?.col} ${message}`)) },
  });
  await executor.runStage('boot', [
    { kind: 'inline', name: 'a.yaml', text: 'stages:\n  boot:\n    - files:\n        - path: /x\n          permsisions: 0600\n' },
  ]);
  assert.ok(
    warnings.some((w) => w.startsWith('5:11 unknown key `permsisions`')),
    warnings.join('\n'),
  );
  assert.ok(
    warnings.some((w) => w.startsWith('3:7 no plugin handles `files`')),
    warnings.join('\n'),
  );
});

test.run();
