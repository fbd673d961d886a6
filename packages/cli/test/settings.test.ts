// Flags over the executor configuration over defaults; configuration values get the flags' checks.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ConfigError } from '../src/config/load-config.js';
import type { ExecutorConfig } from '../src/config/load-config.js';
import { parseCommandLine } from '../src/parse-command-line.js';
import { settingsOf } from '../src/settings.js';

function flagsOf(argv: string[]) {
  const r = parseCommandLine(argv);
  if (r.command !== 'run' && r.command !== 'run-stage') throw new Error(r.command);
  return r.flags;
}

const config = (fields: Partial<ExecutorConfig>): ExecutorConfig => ({ plugins: [], filepath: '/etc/yipts/yip.config.yaml', ...fields });

test('defaults, then the configuration, then the flags', () => {
  assert.equal(settingsOf(flagsOf(['x']), config({})), {
    root: '/',
    concurrency: undefined,
    commandTimeoutMs: undefined,
    logFormat: 'text',
    strict: false,
    configPaths: undefined,
    cloudInitPaths: [],
    cmdline: undefined,
  });
  const file = config({ concurrency: 3, commandTimeout: '2m', logFormat: 'json', strict: true, cloudInitPaths: ['/a'] });
  const fromFile = settingsOf(flagsOf(['run-stage', '--cloud-init-paths', '/b', 'boot']), file);
  const read = [fromFile.concurrency, fromFile.commandTimeoutMs, fromFile.logFormat, fromFile.strict, fromFile.cloudInitPaths];
  assert.equal(read, [3, 120_000, 'json', true, ['/a', '/b']]);
  const argv = ['run-stage', '--concurrency', '1', '--command-timeout', '5s', '--log-format', 'text', '--no-cmdline', 'boot'];
  const flags = settingsOf(flagsOf(argv), file);
  assert.equal([flags.concurrency, flags.commandTimeoutMs, flags.logFormat, flags.cmdline], [1, 5000, 'text', false]);
  assert.is(settingsOf(flagsOf(['run-stage', '--cmdline', '/tmp/c', 'boot']), config({})).cmdline, '/tmp/c');
});

test('a wrong value in the configuration names the file and the key', () => {
  const named = /^\/etc\/yipts\/yip\.config\.yaml: `commandTimeout` expects a duration/;
  const soon = config({ commandTimeout: 'soon' });
  assert.throws(
    () => settingsOf(flagsOf(['x']), soon),
    (e: Error) => e instanceof ConfigError && named.test(e.message),
  );
  assert.throws(() => settingsOf(flagsOf(['x']), config({ concurrency: 0 })), /`concurrency` expects a whole number of at least 1/);
});

test.run();
