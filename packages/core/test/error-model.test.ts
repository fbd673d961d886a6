/** One error model: codes and severities survive every hop, and every finding reaches the results. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createExecutor, ERROR_CODES, isKnownCode, parseText, toYiptsError, YiptsError } from '../src/index.js';
import { allSteps, diagnosticsOf, inline, probePlugin } from './helpers.js';

test("a YiptsError has a code and a severity; a plugin's error defaults to `plugin`, others to `error`", () => {
  assert.equal([new YiptsError('x').code, new YiptsError('x').severity], ['error', 'error']);
  assert.is(new YiptsError('x', { plugin: 'files' }).code, 'plugin');
  const w = new YiptsError('x', { code: 'unknown-key', severity: 'warning' });
  assert.equal([w.code, w.severity], ['unknown-key', 'warning']);
});

test("the code is kept on the way: withOrigin, toYiptsError, and a system error's own code", () => {
  const typed = new YiptsError('too deep', { code: 'limit-depth', file: 'a.yaml', line: 3 });
  const moved = toYiptsError(typed, { plugin: 'p', hook: 'configLoaded', stepId: 's.0' });
  assert.equal([moved.code, moved.plugin, moved.line, moved.stepId], ['limit-depth', 'p', 3, 's.0']);
  const enoent = Object.assign(new Error('ENOENT: no such file'), { code: 'ENOENT' });
  assert.is(toYiptsError(enoent, { plugin: 'files' }).code, 'ENOENT');
  assert.is(toYiptsError(new Error('boom'), { plugin: 'files' }).code, 'plugin');
  // A default code yields to the one the caller knows.
  assert.is(new YiptsError('x').withOrigin({ code: 'source' }).code, 'source');
});

test('toJSON gives the fields a JSON log needs', () => {
  const e = new YiptsError('bad', { code: 'type', file: 'f', line: 1, col: 2, stepId: 's', plugin: 'p', hook: 'plan' });
  const expected = { code: 'type', severity: 'error', message: 'bad', plugin: 'p', hook: 'plan', file: 'f', line: 1, col: 2, stepId: 's' };
  assert.equal(JSON.parse(JSON.stringify(e)), expected);
});

test('diagnostics of the loader are YiptsErrors with a documented code', () => {
  const file = parseText('stages:\n  s:\n    - commands: [a\n', 'broken.yaml', false);
  assert.ok(file.diagnostics.length > 0);
  for (const d of file.diagnostics) {
    assert.instance(d, YiptsError);
    assert.ok(isKnownCode(d.code), d.code);
    assert.is(d.file, 'broken.yaml');
  }
  assert.ok(Object.keys(ERROR_CODES).length >= 20);
});

test('a key no plugin handles is a warning in StageResult.diagnostics, with its line, also in analyze mode', async () => {
  const probe = probePlugin();
  const executor = createExecutor({ plugins: [probe.plugin] });
  const text = 'stages:\n  s:\n    - name: a\n      probe: {}\n      users: {bob: {}}\n';
  for (const analyze of [false, true]) {
    const result = await executor.runStage('s', [inline('u.yaml', text)], { analyze });
    const w = diagnosticsOf(result).filter((d) => d.code === 'unhandled-key');
    const found = w.map((d) => [d.severity, d.message, d.line, d.col, d.stepId]);
    assert.equal(found, [['warning', 'no plugin handles `users`; it is ignored', 5, 7, 'u.yaml.a']]);
  }
  const ran = await executor.runStage('s', [inline('u.yaml', text)]);
  assert.equal(
    allSteps(ran).map((s) => s.status),
    ['ok'],
  );
});

test("a step's validation error keeps its code in StepResult.errors", async () => {
  const probe = probePlugin();
  const executor = createExecutor({ plugins: [probe.plugin] });
  const result = await executor.runStage('s', [inline('t.yaml', 'stages:\n  s:\n    - commands: "one"\n')]);
  const [error] = allSteps(result)[0]!.errors;
  assert.equal([error!.code, error!.hook, error!.line, error!.stepId], ['type', 'plan', 3, 't.yaml.0']);
});

test.run();
