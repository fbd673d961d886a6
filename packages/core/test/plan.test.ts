/** Planning a stage: step ids, implicit and explicit dependencies, broken `after`, cycles, layers. */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createExecutor } from '../src/index.js';
import type { PlannedStep, RunResult, SourceInput, StagePlan } from '../src/index.js';
import { allSteps, diagnosticsOf, inline, probePlugin, stepOf, tempDirs } from './helpers.js';

const tmp = tempDirs();
test.after(tmp.cleanup);

/** Plans (and, unless `analyze`, runs) stage `s` over the sources; returns the plan and the result. */
async function plan(
  sources: SourceInput[],
  opts: { analyze?: boolean } = {},
): Promise<{ plan: StagePlan; result: RunResult; probe: ReturnType<typeof probePlugin> }> {
  const probe = probePlugin();
  const executor = createExecutor({ plugins: [probe.plugin] });
  let captured: StagePlan | undefined;
  executor.hooks.planned.tap('test', (p) => {
    captured = p;
  });
  const result = await executor.runStage('s', sources, { analyze: opts.analyze ?? false, concurrency: 4 });
  return { plan: captured!, result, probe };
}

const deps = (steps: readonly PlannedStep[]) => Object.fromEntries(steps.map((s) => [s.id, s.after]));

test('ids: `<config name>.<step name>`, the file when there is no name, the index when a step has none', async () => {
  const { plan: p } = await plan([inline('named.yaml', 'name: cfg\nstages:\n  s:\n    - name: first\n      probe: {}\n    - probe: {}\n')]);
  assert.equal(
    p.steps.map((s) => s.id),
    ['cfg.first', 'cfg.1'],
  );
  const { plan: q } = await plan([inline('/oem/90_custom.yaml', 'stages:\n  s:\n    - name: a\n    - {}\n')]);
  assert.equal(
    q.steps.map((s) => s.id),
    ['/oem/90_custom.yaml.a', '/oem/90_custom.yaml.1'],
  );
  assert.equal(
    q.steps.map((s) => [s.index, s.configName, s.file]),
    [
      [0, undefined, '/oem/90_custom.yaml'],
      [1, undefined, '/oem/90_custom.yaml'],
    ],
  );
});

test('duplicate ids get #2, #3 with a warning; every step is kept and runs', async () => {
  const text =
    'name: cfg\nstages:\n  s:\n    - name: same\n      probe: {tag: a}\n    - name: same\n      probe: {tag: b}\n    - name: same\n      probe: {tag: c}\n';
  const { plan: p, result, probe } = await plan([inline('a.yaml', text), inline('b.yaml', text)]);
  assert.equal(
    p.steps.map((s) => s.id),
    ['cfg.same', 'cfg.same#2', 'cfg.same#3'],
  );
  const all = allSteps(result).map((s) => s.id);
  assert.equal(all, ['cfg.same', 'cfg.same#2', 'cfg.same#3', 'cfg.same', 'cfg.same#2', 'cfg.same#3'], 'each source is its own plan');
  assert.is(probe.calls.length, 6);
  const w = diagnosticsOf(result).filter((d) => d.code === 'duplicate-id');
  assert.is(w.length, 2, 'one warning per id and source');
  assert.is(w[0]!.severity, 'warning');
  assert.is(w[0]!.stepId, 'cfg.same#2');
  assert.is(w[0]!.line, 6);
  assert.match(w[0]!.message, '3 steps have the id `cfg.same`; the later ones are `cfg.same#2` … `cfg.same#3`');
});

test('within a file, step i waits for step i-1', async () => {
  const { plan: p } = await plan([inline('f', 'stages:\n  s:\n    - name: a\n    - name: b\n    - name: c\n')], { analyze: true });
  assert.equal(deps(p.steps), { 'f.a': [], 'f.b': ['f.a'], 'f.c': ['f.b'] });
  assert.equal(p.layers, [['f.a'], ['f.b'], ['f.c']]);
});

test('across the files of a directory, every step of a file waits for every step of the previous file that has the stage', async () => {
  const dir = await tmp.make();
  await writeFile(join(dir, '1.yaml'), 'name: one\nstages:\n  s:\n    - name: a\n    - name: b\n');
  await writeFile(join(dir, '2.yaml'), 'name: two\nstages:\n  other:\n    - name: x\n');
  await writeFile(join(dir, '3.yaml'), 'name: three\nstages:\n  s:\n    - name: c\n    - name: d\n');
  await mkdir(join(dir, '4'));
  await writeFile(join(dir, '4', 'x.yaml'), 'name: four\nstages:\n  s:\n    - name: e\n');
  const { plan: p } = await plan([dir], { analyze: true });
  assert.equal(deps(p.steps), {
    'one.a': [],
    'one.b': ['one.a'],
    'three.c': ['one.a', 'one.b'],
    'three.d': ['one.a', 'one.b', 'three.c'],
    'four.e': ['three.c', 'three.d'],
  });
  assert.equal(p.layers, [['one.a'], ['one.b'], ['three.c'], ['three.d'], ['four.e']]);
});

test('`after` replaces the implicit waits; a short name is looked up in the same config', async () => {
  const { plan: p } = await plan(
    [
      inline(
        'f',
        'name: cfg\nstages:\n  s:\n    - name: a\n    - name: b\n    - name: c\n      after: [{name: a}]\n    - name: d\n      after: [{name: cfg.b}, {name: cfg.c}]\n    - name: e\n',
      ),
    ],
    { analyze: true },
  );
  assert.equal(deps(p.steps), { 'cfg.a': [], 'cfg.b': ['cfg.a'], 'cfg.c': ['cfg.a'], 'cfg.d': ['cfg.b', 'cfg.c'], 'cfg.e': ['cfg.d'] });
  assert.equal(p.layers, [['cfg.a'], ['cfg.b', 'cfg.c'], ['cfg.d'], ['cfg.e']]);
});

test('`after` may name a step of another file of the directory; the previous file is still waited for', async () => {
  const dir = await tmp.make();
  await writeFile(join(dir, 'a.yaml'), 'name: base\nstages:\n  s:\n    - name: net\n    - name: disk\n');
  await writeFile(join(dir, 'b.yaml'), 'name: app\nstages:\n  s:\n    - name: start\n      after: [{name: base.net}]\n');
  const { plan: p } = await plan([dir], { analyze: true });
  // As in yip: a step of file k+1, with or without `after`, waits for the steps of file k that have no `after`.
  assert.equal(deps(p.steps)['app.start'], ['base.net', 'base.disk']);
});

test('a step placed by `after` is not waited for by the next file, so it may wait for that file', async () => {
  const dir = await tmp.make();
  await writeFile(join(dir, '01_first.yaml'), 'stages:\n  s:\n    - name: plain\n    - after: [{name: test.test}]\n');
  await writeFile(join(dir, '02_second.yaml'), 'name: test\nstages:\n  s:\n    - name: test\n');
  const { plan: p } = await plan([dir], { analyze: true });
  const first = p.steps.find((s) => s.index === 1 && s.file.endsWith('01_first.yaml'))!;
  assert.equal(first.problems, []);
  assert.equal(first.after, ['test.test']);
  assert.equal(deps(p.steps)['test.test'], [p.steps.find((s) => s.name === 'plain')!.id]);
});

test('`after` naming no step is an error on that step only, with its position; the others run', async () => {
  const {
    plan: p,
    result,
    probe,
  } = await plan([
    inline(
      'f.yaml',
      'name: cfg\nstages:\n  s:\n    - name: a\n      probe: {tag: a}\n    - name: b\n      after:\n        - name: nowhere\n      probe: {tag: b}\n    - name: c\n      probe: {tag: c}\n',
    ),
  ]);
  const b = p.steps.find((s) => s.id === 'cfg.b')!;
  assert.is(b.problems.length, 1);
  assert.is(b.problems[0]!.code, 'after');
  assert.equal([b.problems[0]!.line, b.problems[0]!.col], [8, 11]);
  assert.match(b.problems[0]!.message, '`nowhere`');
  assert.equal(
    probe.calls.map((c) => c.id),
    ['cfg.a', 'cfg.c'],
  );
  assert.is(stepOf(result, 'cfg.a').status, 'ok');
  assert.is(stepOf(result, 'cfg.b').status, 'failed');
  assert.match(stepOf(result, 'cfg.b').errors[0]!.message, 'nowhere');
  assert.is(stepOf(result, 'cfg.b').errors[0]!.line, 8);
  assert.is(stepOf(result, 'cfg.c').status, 'ok');
  assert.not.ok(result.ok);
});

test('a dependency cycle is an error on the steps of the cycle; the others run', async () => {
  const {
    plan: p,
    result,
    probe,
  } = await plan([
    inline(
      'f',
      'name: cfg\nstages:\n  s:\n    - name: a\n      after: [{name: b}]\n      probe: {}\n    - name: b\n      after: [{name: a}]\n      probe: {}\n    - name: c\n      probe: {}\n    - name: self\n      after: [{name: self}]\n      probe: {}\n    - name: free\n      after: [{name: c}]\n      probe: {}\n',
    ),
  ]);
  const cyclic = p.steps.filter((s) => s.problems.some((d) => d.code === 'cycle')).map((s) => s.id);
  assert.equal(cyclic.sort(), ['cfg.a', 'cfg.b', 'cfg.self']);
  assert.match(p.steps[0]!.problems[0]!.message, 'dependency cycle');
  assert.equal(
    probe.calls.map((c) => c.id),
    ['cfg.c', 'cfg.free'],
  );
  assert.equal(
    allSteps(result).map((s) => [s.id, s.status]),
    [
      ['cfg.a', 'failed'],
      ['cfg.b', 'failed'],
      ['cfg.c', 'ok'],
      ['cfg.self', 'failed'],
      ['cfg.free', 'ok'],
    ],
  );
});

test('an invalid step fails alone with its position; an unknown key is a warning and the step runs', async () => {
  const { result, probe } = await plan([
    inline(
      'f.yaml',
      'stages:\n  s:\n    - name: bad\n      probe: {wait: soon}\n    - name: typo\n      prboe: {}\n      probe: {}\n    - just a string\n    - name: last\n      probe: {}\n',
    ),
  ]);
  const bad = stepOf(result, 'f.yaml.bad');
  assert.is(bad.status, 'failed');
  assert.match(bad.errors[0]!.message, 'expected an integer');
  assert.equal([bad.errors[0]!.line, bad.errors[0]!.col], [4, 21]);
  assert.is(stepOf(result, 'f.yaml.typo').status, 'ok');
  const w = diagnosticsOf(result).find((d) => d.code === 'unknown-key');
  assert.ok(w);
  assert.equal([w!.line, w!.col, w!.stepId], [6, 7, 'f.yaml.typo']);
  assert.match(w!.message, 'did you mean `probe`?');
  assert.is(stepOf(result, 'f.yaml.2').status, 'failed');
  assert.match(stepOf(result, 'f.yaml.2').errors[0]!.message, 'a step must be a mapping');
  assert.equal(
    probe.calls.map((c) => c.id),
    ['f.yaml.typo', 'f.yaml.last'],
  );
});

test('analyze plans and reports every problem, runs nothing', async () => {
  const { result, probe } = await plan([inline('f', 'stages:\n  s:\n    - probe: {wait: x}\n    - after: [{name: zzz}]\n')], {
    analyze: true,
  });
  assert.is(probe.calls.length, 0);
  assert.equal(allSteps(result), []);
  const errors = diagnosticsOf(result)
    .filter((d) => d.severity === 'error')
    .map((d) => d.code);
  assert.equal(errors.sort(), ['after', 'type']);
  assert.equal(result.stages[0]!.layers, [['f.0', 'f.1']], 'an unresolved `after` waits for nothing');
});

test('the other stages of a file are not planned and their warnings are not reported', async () => {
  const { plan: p, result } = await plan([inline('f', 'stages:\n  s:\n    - probe: {}\n  fs:\n    - commnads: [x]\n')]);
  assert.is(p.steps.length, 1);
  assert.equal(diagnosticsOf(result), []);
});

test.run();
