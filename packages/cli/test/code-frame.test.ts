/** The code frame under located messages: the YAML line, a caret at the column, nothing off a terminal. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { codeFrame } from '../src/code-frame.js';
import { stderrLogger, useFrames } from '../src/log-format.js';

test('the caret sits under the column; tabs before it stay tabs', () => {
  assert.is(codeFrame('  mode: 644', 12, 9), '  12 |   mode: 644\n     |         ^\n');
  assert.is(codeFrame('\tkey: x', 3, 7), '  3 | \tkey: x\n    | \t     ^\n');
});

test('a long line is cut around the column, with the caret still under it', () => {
  const line = `${'a'.repeat(300)}X${'b'.repeat(300)}`;
  const frame = codeFrame(line, 1, 301);
  const [text, caret] = frame.split('\n');
  assert.ok(text!.length < 140, `${text!.length} characters`);
  assert.is(text![caret!.indexOf('^')], 'X');
});

test('stderrLogger prints the frame when asked to, and reads each file once', () => {
  const dir = mkdtempSync(join(tmpdir(), 'yipts-frame-'));
  try {
    const file = join(dir, 'a.yaml');
    writeFileSync(file, 'stages:\n  default:\n    - permissions: 644\n');
    const lines: string[] = [];
    const framed = stderrLogger({ level: 'info', colour: false, frames: true, write: (l) => void lines.push(l) });
    framed.log('warning', 'did you mean 0644?', { file, line: 3, col: 20 });
    framed.log('warning', 'no position', { file });
    framed.log('warning', 'not a file', { file: 'kernel command line', line: 1, col: 1 });
    assert.equal(lines, [
      `WARN  ${file}:3:20 did you mean 0644?\n  3 |     - permissions: 644\n    |                    ^\n`,
      `WARN  ${file} no position\n`,
      'WARN  kernel command line:1:1 not a file\n',
    ]);
    const plain: string[] = [];
    stderrLogger({ level: 'info', colour: false, write: (l) => void plain.push(l) }).log('warning', 'x', { file, line: 3, col: 20 });
    assert.equal(plain, [`WARN  ${file}:3:20 x\n`]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('frames on a terminal only', () => {
  assert.is(useFrames({ isTTY: true }), true);
  assert.is(useFrames({ isTTY: false }), false);
  assert.is(useFrames({}), false);
});

test.run();
