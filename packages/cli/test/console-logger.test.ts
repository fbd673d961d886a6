import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';

const LOG_FORMAT = fileURLToPath(new URL('../src/log-format.ts', import.meta.url));

/** What consoleLogger prints to a real stderr (a pipe, not a terminal) in a process of its own. */
function stderrOf(env: Record<string, string>, format: 'text' | 'json' = 'text'): string {
  const code = `const { consoleLogger } = await import(${JSON.stringify(LOG_FORMAT)});
const log = consoleLogger({ format: ${JSON.stringify(format)} });
log.log('info', 'an info line', { file: '/oem/a.yaml', line: 3, col: 5 });
log.log('warning', 'a warning', { stepId: 'a.0' });`;
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], {
    env: { PATH: process.env.PATH ?? '', ...env },
    encoding: 'utf8',
  });
  assert.is(r.status, 0, r.stderr);
  return r.stderr;
}

test('consoleLogger: LOGLEVEL picks the lines, no colour off a terminal, JSON records on request', () => {
  assert.is(stderrOf({}), 'INFO  /oem/a.yaml:3:5 an info line\nWARN  (a.0) a warning\n');
  assert.is(stderrOf({ LOGLEVEL: 'warning' }), 'WARN  (a.0) a warning\n');
  assert.match(stderrOf({ FORCE_COLOR: '1' }), '\x1b[');
  const records = stderrOf({ LOGLEVEL: 'warning' }, 'json')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
  assert.equal(
    records.map((r) => [r.level, r.message, r.stepId]),
    [['warning', 'a warning', 'a.0']],
  );
});

test.run();
