/** The last line of defence: URL passwords never leave the logger, whatever the level. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { LOG_LEVELS, redactingLogger } from '../src/index.js';
import type { LogLevel, LogMeta } from '../src/index.js';

test('message, file and step id of every record are redacted at every level', () => {
  const records: { level: LogLevel; message: string; meta: LogMeta | undefined }[] = [];
  const logger = redactingLogger({ log: (level, message, meta) => records.push({ level, message, meta }) });
  for (const level of LOG_LEVELS) {
    logger.log(level, 'cannot fetch http://u:S3cret@h/x.yaml', {
      file: 'http://u:S3cret@h/x.yaml',
      stepId: 'http://u:S3cret@h/x.yaml.0',
      line: 3,
    });
    logger.log(level, 'no meta: https://a:S3cret@h/');
  }
  assert.is(records.length, LOG_LEVELS.length * 2);
  assert.not.ok(JSON.stringify(records).includes('S3cret'));
  assert.equal(records[0], {
    level: 'error',
    message: 'cannot fetch http://u:***@h/x.yaml',
    meta: { file: 'http://u:***@h/x.yaml', stepId: 'http://u:***@h/x.yaml.0', line: 3 },
  });
});

test('wrapping twice wraps once', () => {
  const inner = { log() {} };
  const once = redactingLogger(inner);
  assert.is(redactingLogger(once), once);
});

test.run();
