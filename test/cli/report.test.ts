/** `--report FILE` on a run and on run-stage, and `yip blame` over the report it wrote. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { busyboxRoot } from '../fixtures/index.js';
import { yip } from '../helpers/cli.js';
import { removeTempDirs, tempDir, writeTree } from '../helpers/tmp.js';

interface Report {
  yipts: string;
  command: string;
  durationMs: number;
  ok: boolean;
  stages: { stage: string; source: string; startMs: number; durationMs: number; steps: Step[] }[];
}
interface Step {
  id: string;
  file: string;
  status: string;
  startMs: number | null;
  durationMs: number;
  errors?: string[];
}

const report = suite('--report and yip blame');
const roots: Array<{ cleanup(): Promise<void> }> = [];
report.after.each(async () => {
  removeTempDirs();
  while (roots.length) await roots.pop()!.cleanup();
});

const TIMED = `name: timed
stages:
  default:
    - name: quick
      commands: ["true"]
    - name: slow
      commands: ["sleep 0.5"]
    - name: broken
      commands: ["exit 3"]
`;

const read = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as Report;

report('yip SOURCE --report: every step with file, status, start, duration, also when one failed; blame: slowest first', async () => {
  const dir = writeTree(tempDir(), { 'timed.yaml': TIMED });
  const file = join(dir, 'timings.json');
  const r = await yip(['--report', file, join(dir, 'timed.yaml')]);
  assert.is(r.code, 1, r.stderr);
  const data = read(file);
  assert.is(data.command, 'run');
  assert.match(data.yipts, /^\d+\.\d+\.\d+/);
  assert.is(data.ok, false);
  assert.is(data.stages.length, 1);
  const [stage] = data.stages;
  assert.is(stage!.stage, 'default');
  assert.is(stage!.source, join(dir, 'timed.yaml'));
  const byId = new Map(stage!.steps.map((s) => [s.id, s]));
  assert.equal([...byId.keys()], ['timed.quick', 'timed.slow', 'timed.broken']);
  assert.is(byId.get('timed.slow')!.status, 'ok');
  assert.ok(byId.get('timed.slow')!.durationMs >= 450, JSON.stringify(stage));
  assert.is(byId.get('timed.broken')!.status, 'failed');
  assert.match(byId.get('timed.broken')!.errors![0]!, /exited with status 3/);
  // The steps of one file run in order: each starts after the one before it.
  assert.ok(byId.get('timed.broken')!.startMs! >= byId.get('timed.slow')!.startMs! + 450, JSON.stringify(stage));
  assert.ok(data.durationMs >= byId.get('timed.slow')!.durationMs);
  assert.is(byId.get('timed.quick')!.file, join(dir, 'timed.yaml'));
  // Written whole: nothing temporary is left beside it.
  assert.equal(readdirSync(dir).sort(), ['timed.yaml', 'timings.json']);

  const blame = await yip(['blame', file]);
  assert.is(blame.code, 0, blame.stderr);
  const lines = blame.stdout.split('\n');
  assert.match(lines[0]!, new RegExp(`^  +0\\.[5-9]\\ds  ${join(dir, 'timed.yaml')} \\(timed\\.slow\\)  default$`));
  assert.is(lines.filter((l) => /\(timed\./.test(l)).length, 3);
  const top = await yip(['blame', '--top', '1', file]);
  assert.is(top.stdout.split('\n').filter((l) => /\(timed\./.test(l)).length, 1);
  assert.match(top.stdout, /\(timed\.slow\)/);
});

report('yip run-stage --report: the stages with their sources and steps', async () => {
  const root = await busyboxRoot();
  roots.push(root);
  writeTree(root.path, { 'oem/10.yaml': TIMED.replace('default:', 'custom:') });
  const conf = writeTree(tempDir(), { 'yip.config.yaml': 'pluginOptions:\n  mount:\n    labels: {}\n' });
  const file = join(conf, 'report.json');
  const config = ['--config', join(conf, 'yip.config.yaml')];
  const r = await yip(['run-stage', ...config, '--root', root.path, '--no-cmdline', '--report', file, 'custom']);
  assert.is(r.code, 0, r.stderr);
  const data = read(file);
  assert.is(data.command, 'run-stage');
  const custom = data.stages.filter((s) => s.stage === 'custom' && s.steps.length > 0);
  assert.is(custom.length, 1, JSON.stringify(data.stages));
  assert.equal(
    custom[0]!.steps.map((s) => s.status),
    ['ok', 'ok', 'failed'],
  );
  const blame = await yip(['blame', file]);
  assert.match(blame.stdout.split('\n')[0]!, /\(timed\.slow\) {2}custom$/);
});

report('blame: a missing file and a file that is not a report are errors naming the file', async () => {
  const dir = writeTree(tempDir(), { 'other.json': '{"a": 1}\n' });
  const missing = await yip(['blame', join(dir, 'none.json')]);
  assert.is(missing.code, 1);
  assert.match(missing.stderr, /cannot read .*none\.json: no such file/);
  const other = await yip(['blame', join(dir, 'other.json')]);
  assert.is(other.code, 1);
  assert.match(other.stderr, /other\.json is not a timings report/);
  assert.ok(!existsSync(join(dir, 'none.json')));
  const usage = await yip(['blame']);
  assert.is(usage.code, 2);
});

report.run();
