/** Dependency graph helpers: cycles and layers. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { findCycles, layersOf } from '../src/plan/graph.js';

const graph = (edges: Record<string, string[]>) => ({ ids: Object.keys(edges), deps: new Map(Object.entries(edges)) });

test('no cycle in a chain or a diamond', () => {
  const chain = graph({ a: [], b: ['a'], c: ['b'] });
  assert.equal(findCycles(chain.ids, chain.deps), []);
  const diamond = graph({ a: [], b: ['a'], c: ['a'], d: ['b', 'c'] });
  assert.equal(findCycles(diamond.ids, diamond.deps), []);
});

test('a cycle is found with all its members, a self-loop too; steps outside are not included', () => {
  const g = graph({ a: ['c'], b: ['a'], c: ['b'], d: ['c'], e: ['e'], f: [] });
  const cycles = findCycles(g.ids, g.deps).map((c) => [...c].sort());
  assert.equal(cycles.sort(), [['a', 'b', 'c'], ['e']]);
});

test('two separate cycles are two components', () => {
  const g = graph({ a: ['b'], b: ['a'], c: ['d'], d: ['c'], x: ['a', 'c'] });
  assert.equal(
    findCycles(g.ids, g.deps)
      .map((c) => [...c].sort())
      .sort(),
    [
      ['a', 'b'],
      ['c', 'd'],
    ],
  );
});

test('edges to unknown ids are ignored', () => {
  const g = graph({ a: ['ghost'], b: ['a', 'ghost'] });
  assert.equal(findCycles(g.ids, g.deps), []);
  assert.equal(layersOf(g.ids, g.deps), [['a'], ['b']]);
});

test('layers: a step is one layer below its deepest dependency; order within a layer is declaration order', () => {
  const g = graph({ a: [], x: [], b: ['a'], c: ['a'], d: ['b', 'x'], e: ['d', 'a'] });
  assert.equal(layersOf(g.ids, g.deps), [['a', 'x'], ['b', 'c'], ['d'], ['e']]);
});

test('long chains in either direction neither overflow the stack nor take long', () => {
  const n = 50_000;
  const ids = Array.from({ length: n }, (_, i) => `s${i}`);
  const forward = new Map(ids.map((id, i) => [id, i ? [`s${i - 1}`] : []] as const));
  const backward = new Map(ids.map((id, i) => [id, i < n - 1 ? [`s${i + 1}`] : []] as const));
  const started = performance.now();
  assert.equal(findCycles(ids, forward), []);
  assert.equal(findCycles(ids, backward), []);
  assert.is(layersOf(ids, forward).length, n);
  const back = layersOf(ids, backward);
  assert.is(back.length, n);
  assert.equal(back[0], [`s${n - 1}`]);
  const ring = new Map(ids.map((id, i) => [id, [`s${(i + 1) % n}`]] as const));
  assert.is(findCycles(ids, ring)[0]!.length, n);
  assert.ok(performance.now() - started < 5000);
});

test.run();
