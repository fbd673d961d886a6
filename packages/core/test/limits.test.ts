/**
 * Limits on inputs: a hostile or broken file is refused with an error naming it (and the other
 * files still count), and inputs that stay within the limits are handled in linear time and
 * output. Timings belong to the benchmarks; here the sizes of results and output are asserted.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createExecutor, parseText } from '../src/index.js';
import type { LoadedFile } from '../src/index.js';
import { LIMITS } from '../src/load/limits.js';
import { allSteps, diagnosticsOf, inline, probePlugin, recordingLogger, tempDirs } from './helpers.js';

const tmp = tempDirs();
test.after(tmp.cleanup);

function refused(file: LoadedFile, code: string): void {
  assert.is(file.ok, false, `${file.file} was accepted`);
  const e = file.diagnostics.find((d) => d.code === code);
  assert.ok(e, JSON.stringify(file.diagnostics.map((d) => d.message)));
  assert.is(e!.file, file.file);
  assert.is(e!.severity, 'error');
}

test('a file larger than the limit is refused before it is parsed, from text and from disk', async () => {
  const big = `stages:\n  s:\n    - commands: ["${'x'.repeat(LIMITS.fileBytes)}"]\n`;
  refused(parseText(big, 'big.yaml', false), 'limit-size');
  const dir = await tmp.make();
  await writeFile(join(dir, 'a.yaml'), big);
  await writeFile(join(dir, 'b.yaml'), 'stages:\n  s:\n    - probe: {}\n');
  const probe = probePlugin();
  const result = await createExecutor({ plugins: [probe.plugin] }).runStage('s', [dir]);
  const refusal = diagnosticsOf(result).find((d) => d.code === 'limit-size');
  assert.match(refusal!.message, /the file is 8\.0 MiB, more than the 8 MiB a config may have/);
  assert.equal(
    probe.calls.map((c) => c.id),
    [`${join(dir, 'b.yaml')}.0`],
    'the other file still runs',
  );
});

test('nesting deeper than the limit: an error with a position, never a stack overflow', () => {
  const depth = 5_000;
  const flow = `stages:\n  s:\n    - probe: ${'['.repeat(depth)}${']'.repeat(depth)}\n`;
  let block = 'stages:\n  s:\n    - probe:\n';
  for (let i = 0; i < 1_000; i++) block += `${' '.repeat(8 + i)}k:\n`;
  const seqs = `stages:\n  s:\n    - probe:\n        ${'- '.repeat(1_000)}x\n`;
  for (const [name, text] of [
    ['flow', flow],
    ['block', block],
    ['seqs', seqs],
  ] as const) {
    const file = parseText(text, `${name}.yaml`, false);
    refused(file, 'limit-depth');
    const e = file.diagnostics.find((d) => d.code === 'limit-depth')!;
    assert.ok((e.line ?? 0) >= 3, `${name}: ${e.line}`);
    assert.match(e.message, `values nest more than ${LIMITS.depth} levels deep`);
  }
  // Within the limit, a deep value is fine.
  assert.is(parseText(`stages:\n  s:\n    - probe: ${'['.repeat(50)}${']'.repeat(50)}\n`, 'ok.yaml', false).ok, true);
});

test('analyze mode keeps a source with a too-deep file in its results', async () => {
  const dir = await tmp.make();
  await writeFile(join(dir, 'deep.yaml'), `stages:\n  s:\n    - probe: ${'{a: '.repeat(3_000)}1${'}'.repeat(3_000)}\n`);
  await writeFile(join(dir, 'fine.yaml'), 'stages:\n  s:\n    - probe: {}\n');
  const result = await createExecutor({ plugins: [probePlugin().plugin] }).runStage('s', [dir], { analyze: true });
  assert.is(result.errors.length, 0, result.errors.map((e) => e.message).join('\n'));
  assert.is(result.stages.length, 1);
  assert.equal(result.stages[0]!.layers, [[`${join(dir, 'fine.yaml')}.0`]]);
  assert.ok(diagnosticsOf(result).some((d) => d.code === 'limit-depth' && d.file === join(dir, 'deep.yaml')));
});

test('one string longer than the limit is refused; alias bombs are refused', () => {
  refused(parseText(`stages:\n  s:\n    - commands: ["${'y'.repeat(LIMITS.stringChars + 1)}"]\n`, 'long.yaml', false), 'limit-string');
  const bomb = ['a: &a [x, x, x, x, x, x, x, x, x, x]']
    .concat(['b', 'c', 'd', 'e', 'f'].map((k, i) => `${k}: &${k} [${Array(10).fill(`*${'abcde'[i]}`).join(', ')}]`))
    .join('\n');
  refused(parseText(`${bomb}\nstages: {s: []}\n`, 'bomb.yaml', false), 'limit-aliases');
});

test('a stage with more steps than the limit is refused, naming the stage', () => {
  const text = `stages:\n  s:\n${'    - {}\n'.repeat(LIMITS.stepsPerStage + 1)}`;
  const file = parseText(text, 'many.yaml', false);
  refused(file, 'limit-steps');
  assert.match(file.diagnostics[0]!.message, `stage \`s\` has ${LIMITS.stepsPerStage + 1} steps`);
});

test('20,000 steps with one name: unique ids, one warning, a run that finishes', async () => {
  const n = 20_000;
  const text = `name: same\nstages:\n  s:\n${'    - name: x\n      probe: {}\n'.repeat(n)}`;
  const probe = probePlugin();
  const { logger, records } = recordingLogger();
  const result = await createExecutor({ plugins: [probe.plugin], logger }).runStage('s', [inline('same.yaml', text)], { concurrency: 64 });
  const ids = allSteps(result).map((s) => s.id);
  assert.is(new Set(ids).size, n);
  assert.is(ids[n - 1], `same.x#${n}`);
  assert.is(probe.calls.length, n);
  const warnings = diagnosticsOf(result).filter((d) => d.code === 'duplicate-id');
  assert.equal(
    warnings.map((d) => d.message),
    [`${n} steps have the id \`same.x\`; the later ones are \`same.x#2\` … \`same.x#${n}\``],
  );
  const logged = records.filter((r) => r.level === 'warning' || r.level === 'error').reduce((sum, r) => sum + r.message.length, 0);
  assert.ok(logged < 1_000, `${logged} characters of warnings`);
});

test('a 4,000-step cycle is reported once, briefly; its members do not run; the output stays small', async () => {
  const n = 4_000;
  let text = 'name: c\nstages:\n  s:\n';
  for (let i = 0; i < n; i++) text += `    - name: s${i}\n      after: [{name: s${(i + 1) % n}}]\n      probe: {}\n`;
  text += '    - name: free\n      probe: {}\n';
  const probe = probePlugin();
  const { logger, records } = recordingLogger();
  const result = await createExecutor({ plugins: [probe.plugin], logger }).runStage('s', [inline('cycle.yaml', text)]);
  const steps = allSteps(result);
  assert.is(steps.filter((s) => s.status === 'failed').length, n);
  assert.equal(
    probe.calls.map((c) => c.id),
    ['c.free'],
  );
  const errors = steps.flatMap((s) => s.errors).filter((e) => e.code === 'cycle');
  const reports = errors.filter((e) => e.reason.startsWith('dependency cycle'));
  assert.is(reports.length, 1);
  const named = ['c.s0', 'c.s1', 'c.s2', 'c.s3', 'c.s4'].map((id) => `\`${id}\``).join(' → ');
  assert.is(reports[0]!.reason, `dependency cycle of ${n} steps: ${named} → … (${n - 5} more) → \`c.s0\`; none of them runs`);
  assert.is(reports[0]!.stepId, 'c.s0');
  const logged = records.reduce((sum, r) => sum + r.message.length, 0);
  assert.ok(logged < 100 * n, `${logged} characters logged for ${n} steps`);
});

test.run();
