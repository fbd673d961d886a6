/**
 * On a terminal (a pseudo-terminal made by util-linux `script`), a line at the bottom says which
 * steps are running and for how long; log lines are written above it and it is gone at the end.
 * Off a terminal there is no such line.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { CLI, ensureBuilt, yip } from '../helpers/cli.js';
import { removeTempDirs, tempDir, writeTree } from '../helpers/tmp.js';

const live = suite('live line');
live.after.each(removeTempDirs);

const CONFIG = 'name: live\nstages:\n  default:\n    - name: wait\n      commands: [sleep 1.2]\n';

live('on a terminal: the running step and its time, redrawn, cleared before each log line and at the end', () => {
  ensureBuilt();
  const dir = tempDir();
  writeTree(dir, { 'c.yaml': CONFIG });
  const command = `${process.execPath} ${CLI} ${join(dir, 'c.yaml')}`;
  const r = spawnSync('script', ['-qec', command, '/dev/null'], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', LOGLEVEL: 'info', TERM: 'xterm' },
  });
  assert.is(r.status, 0, r.stderr);
  const out = r.stdout;
  const frames = [...out.matchAll(/running 1 step \((\d+\.\d)s\): live\.wait/g)].map((m) => Number(m[1]));
  assert.ok(frames.length >= 3, out);
  assert.ok(frames.at(-1)! >= 1, `the time grows: ${frames.join(', ')}`);
  // Each log line starts on a cleared line, and the last thing written is the summary, not the live line.
  assert.match(out, '\r\x1b[KINFO  ');
  assert.match(out.trimEnd(), /run finished: 1 ok, 0 failed, 0 skipped in 1\.\d\ds$/);
});

live('off a terminal there is no live line', async () => {
  const dir = tempDir();
  writeTree(dir, { 'c.yaml': CONFIG });
  const r = await yip([join(dir, 'c.yaml')]);
  assert.is(r.code, 0, r.stderr);
  assert.not.match(r.stderr, 'running 1 step');
  assert.not.match(r.stderr, '\x1b[K');
});

live.run();
