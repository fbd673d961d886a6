import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFile, stat, writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import timesyncdPlugin, { setSectionKeys, TIMESYNCD_DROPIN } from '../src/index.js';
import { runYaml, tempDirs } from '@yipts/testing';

/** Every root of this suite, removed when it ends. */
const roots = tempDirs('yipts-timesyncd-root-');
test.after(() => roots.cleanup());

test('section keys: replaced in place, appended to the section, section added when missing', () => {
  assert.is(
    setSectionKeys('', 'Time', [
      ['NTP', 'a b'],
      ['FallbackNTP', ''],
    ]),
    '[Time]\nNTP = a b\nFallbackNTP =\n',
  );
  const current = '# mine\n[Time]\nNTP=old\n\n[Other]\nX = 1\n';
  assert.is(
    setSectionKeys(current, 'Time', [
      ['NTP', 'new'],
      ['PollIntervalMaxSec', '2048'],
    ]),
    '# mine\n[Time]\nNTP = new\nPollIntervalMaxSec = 2048\n\n[Other]\nX = 1\n',
  );
  assert.is(setSectionKeys('[Other]\nX = 1\n', 'Time', [['NTP', 'a']]), '[Other]\nX = 1\n\n[Time]\nNTP = a\n');
});

test('written as [Time] KEY = value in the drop-in of the root, merged across steps', async () => {
  const root = await roots.make();
  const yaml = [
    'stages:',
    '  boot:',
    '    - timesyncd:',
    '        NTP: "0.pool.ntp.org 1.pool.ntp.org"',
    '        FallbackNTP: ""',
    '    - timesyncd:',
    '        NTP: time.example.com',
    '        RootDistanceMaxSec: 5',
    '',
  ].join('\n');
  const run = await runYaml(yaml, { plugins: [timesyncdPlugin()], root, stage: 'boot' });
  assert.equal(run.errors, []);
  const file = join(root, TIMESYNCD_DROPIN);
  assert.is(await readFile(file, 'utf8'), '[Time]\nNTP = time.example.com\nFallbackNTP =\nRootDistanceMaxSec = 5\n');
  assert.is((await stat(file)).mode & 0o777, 0o644);
  assert.is((await stat(join(root, 'etc/systemd/timesyncd.conf.d'))).mode & 0o777, 0o755);
});

test('a bad key or a value with a line break is an error naming it; nothing else is lost', async () => {
  const root = await roots.make();
  await mkdir(join(root, 'etc/systemd/timesyncd.conf.d'), { recursive: true });
  await writeFile(join(root, TIMESYNCD_DROPIN), '[Time]\nNTP = keep.example.com\n');
  const run = await runYaml(
    'stages:\n  boot:\n    - timesyncd:\n        "bad key": 1\n        PollIntervalMinSec: "32\\n[Evil]"\n        SaveIntervalSec: 60\n',
    { plugins: [timesyncdPlugin()], root, stage: 'boot' },
  );
  assert.is(run.errors.length, 2);
  assert.match(run.errors[0]!.message, /`bad key` is not a valid timesyncd key/);
  assert.match(run.errors[1]!.message, /PollIntervalMinSec contains a line break/);
  assert.is(await readFile(join(root, TIMESYNCD_DROPIN), 'utf8'), '[Time]\nNTP = keep.example.com\nSaveIntervalSec = 60\n');
});

test.run();
