/**
 * runOnIsolatedHost: the real files plugin writes to the host's /etc from inside the namespaces;
 * the write lands in the overlay's upper layer, and the machine's /etc never sees it.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { pathExists } from '@yipts/test-fixtures';
import { runOnIsolatedHost } from '../src/index.js';

// Namespaces and mounts need root: elsewhere this shows up as skipped, never as passed.
const asRoot = process.getuid?.() === 0 ? test : test.skip;
asRoot('a write to /etc on the host root lands in the overlay only; probes and steps come back', async () => {
  const name = `yipts-isolated-${process.pid}`;
  const yaml = `stages:\n  boot:\n    - files:\n        - path: /etc/${name}\n          content: inside\n`;
  const run = await runOnIsolatedHost({ yaml, stage: 'boot', plugins: [{ module: '@yipts/plugin-files' }], probes: [`/etc/${name}`] });
  try {
    assert.ok(run.ok, JSON.stringify(run.steps));
    assert.equal(
      run.steps.map((s) => [s.id, s.status]),
      [['host-test.yaml.0', 'ok']],
    );
    assert.equal(run.probes, { [`/etc/${name}`]: 'inside' });
    assert.is(await readFile(join(run.upper('/etc'), name), 'utf8'), 'inside');
    assert.is(await pathExists(`/etc/${name}`), false, 'the host /etc is unchanged');
    assert.throws(() => run.upper('/var'), /\/var was not overlaid/);
  } finally {
    await run.cleanup();
  }
});

asRoot('a failing setup is an error naming the isolated run, with what the shell said', async () => {
  try {
    await runOnIsolatedHost({ yaml: 'stages: {}\n', stage: 'boot', plugins: [] }, { setup: 'echo no-such-setup >&2; exit 3' });
    assert.unreachable('should fail');
  } catch (error) {
    assert.instance(error, Error);
    assert.match((error as Error).message, /isolated host run failed/);
    assert.match((error as Error).message, /no-such-setup/);
  }
});

test.run();
