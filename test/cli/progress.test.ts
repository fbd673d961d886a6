/**
 * Progress through the real command line: a long step says it is still running every 10
 * seconds (as yip), each step's end carries its duration, and the run closes with a summary —
 * as text lines and as JSON records with their event, stage, step and duration.
 */
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { yip } from '../helpers/cli.js';
import { removeTempDirs, tempDir, writeTree } from '../helpers/tmp.js';

const progress = suite('progress of a run');
progress.after.each(removeTempDirs);

progress('a 25 s step is reported as still running twice, then ends with its duration', async () => {
  const dir = tempDir();
  writeTree(dir, { 'c.yaml': 'name: long\nstages:\n  default:\n    - name: wait\n      commands: [sleep 25]\n' });
  const r = await yip([join(dir, 'c.yaml')], { timeoutMs: 60_000 });
  assert.is(r.code, 0, r.stderr);
  const lines = r.stderr.split('\n');
  const beats = lines.filter((l) => l.includes('(long.wait) still running'));
  assert.equal(
    beats.map((l) => /still running \((\d+)\.\ds\)/.exec(l)?.[1]),
    ['10', '20'],
    r.stderr,
  );
  const end = lines.find((l) => l.includes('(long.wait) ok in '));
  assert.ok(end, r.stderr);
  const seconds = Number(/ok in (\d+\.\d)s/.exec(end!)?.[1]);
  assert.ok(seconds >= 25 && seconds < 30, end);
  assert.match(lines.filter(Boolean).at(-1)!, /^INFO {2}run finished: 1 ok, 0 failed, 0 skipped in 2\d\.\ds$/);
});

progress('JSON records carry event, stage, step id and duration; the run ends with a summary record', async () => {
  const dir = tempDir();
  writeTree(dir, {
    'c.yaml': 'name: j\nstages:\n  boot:\n    - name: good\n      commands: [true]\n    - name: bad\n      commands: [exit 3]\n',
  });
  const r = await yip(['--log-format', 'json', '-s', 'boot', join(dir, 'c.yaml')]);
  assert.is(r.code, 1, r.stderr);
  const records = r.stderr
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, unknown>);
  const events = records.filter((x) => x.event).map((x) => [x.event, x.stage ?? null, x.stepId ?? null, x.status ?? null]);
  assert.equal(events, [
    ['step-start', 'boot', 'j.good', null],
    ['step-end', 'boot', 'j.good', 'ok'],
    ['step-start', 'boot', 'j.bad', null],
    ['step-end', 'boot', 'j.bad', 'failed'],
    ['run-end', null, null, 'failed'],
  ]);
  for (const x of records.filter((y) => y.event === 'step-end' || y.event === 'run-end')) {
    assert.type(x.durationMs, 'number');
    assert.ok(Number.isInteger(x.durationMs));
  }
  assert.equal(records.at(-1)!.steps, { ok: 1, failed: 1, skipped: 0 });
});

progress.run();
