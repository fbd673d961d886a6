// The example executor end to end: its own config path inside a root, its own plugin, the
// plugins it chose, strict exit codes, and a key it left out being warned about, not run.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Logger } from '@yipts/core';
import { PluginOptionsError } from '@yipts/core';
import { provision } from '../src/index.js';

const example = suite('custom executor');
let root = '';
example.before.each(() => {
  root = mkdtempSync(join(tmpdir(), 'yipts-custom-executor-'));
  mkdirSync(join(root, 'etc/acme/provision.d'), { recursive: true });
});
example.after.each(() => rmSync(root, { recursive: true, force: true }));

function config(name: string, text: string): void {
  writeFileSync(join(root, 'etc/acme/provision.d', name), text);
}

function recordingLogger(lines: string[]): Logger {
  return { log: (level, message) => void lines.push(`${level} ${message}`) };
}

example('runs before, the stage and after from its own path, with its plugin and the ones it chose', async () => {
  config(
    '10-image.yaml',
    `stages:
  image.before:
    - stamp: prepared
  image:
    - files: [{path: /etc/acme/motd, content: "{{ upper \\"hello\\" }}"}]
      stamp: motd written
    - if: "false"
      stamp: never
  image.after:
    - stamp: done
`,
  );
  const lines: string[] = [];
  const outcome = await provision({ root, stage: 'image', logger: recordingLogger(lines) });
  assert.is(outcome.exitCode, 0, lines.join('\n'));
  assert.is(readFileSync(join(root, 'etc/acme/motd'), 'utf8'), 'HELLO');
  assert.is(readFileSync(join(root, 'var/lib/acme/stamps'), 'utf8'), 'image.before prepared\nimage motd written\nimage.after done\n');
});

example('a key whose plugin it left out is warned about and not run; a failed step is exit 65', async () => {
  config('20-fail.yaml', 'stages:\n  image:\n    - commands: ["touch /ran"]\n    - files: [{path: /blocker/x, content: y}]\n');
  writeFileSync(join(root, 'blocker'), 'a file');
  const lines: string[] = [];
  const outcome = await provision({ root, stage: 'image', stamp: { ledger: '/ledger' }, logger: recordingLogger(lines) });
  assert.is(outcome.exitCode, 65);
  assert.ok(
    lines.some((l) => /no plugin handles `commands`/.test(l)),
    lines.join('\n'),
  );
  assert.not.ok(existsSync(join(root, 'ran')));
});

example("its plugin's options are checked like any plugin's", async () => {
  try {
    await provision({ root, stage: 'image', stamp: { ledgr: '/x' } as never });
    assert.unreachable('accepted');
  } catch (error) {
    assert.instance(error, PluginOptionsError);
    assert.match((error as Error).message, /provision\(\): plugin "acme-stamp": unknown option `ledgr`; did you mean `ledger`\?/);
  }
});

example.run();
