import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { definePlugin } from '@yipts/core';
import type { Plugin } from '@yipts/core';
import { chmod, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { hostname as osHostname } from 'node:os';
import { join } from 'node:path';
import hostnamePlugin from '../src/index.js';
import { runOnIsolatedHost, runYaml, tempDirs } from '@yipts/testing';

/** Every root of this suite, removed when it ends. */
const roots = tempDirs('yipts-hostname-root-');
test.after(() => roots.cleanup());

const liveName = () => readFile('/proc/sys/kernel/hostname', 'utf8').then((s) => s.trim());

/** Stands in for the templates plugin: renders `.MachineID` from the root's /etc/machine-id. */
function machineIdRender(machineId: string): Plugin {
  return definePlugin({
    name: 'test-render',
    apply(hooks) {
      hooks.render.tap('test-render', (text) => text.replace(/\{\{\s*trunc 4 \.MachineID\s*\}\}/g, machineId.slice(0, 4)));
    },
  });
}

async function tempRoot(): Promise<string> {
  const root = await roots.make();
  await mkdir(join(root, 'etc'), { recursive: true });
  return root;
}

test('inside a root: only its files change, never the machine name', async () => {
  const before = await liveName();
  const root = await tempRoot();
  await writeFile(join(root, 'etc/hosts'), '127.0.0.1 localhost old\n::1 localhost\n');
  await chmod(join(root, 'etc/hosts'), 0o640);
  const run = await runYaml('stages:\n  test:\n    - hostname: cos-recovery\n', { plugins: [hostnamePlugin()], root, stage: 'test' });
  assert.equal(run.errors, []);
  assert.is(await readFile(join(root, 'etc/hostname'), 'utf8'), 'cos-recovery\n');
  assert.is(await readFile(join(root, 'etc/hosts'), 'utf8'), '127.0.0.1 localhost cos-recovery\n::1 localhost\n');
  assert.is((await stat(join(root, 'etc/hosts'))).mode & 0o777, 0o640, 'the hosts file keeps its mode');
  assert.is((await stat(join(root, 'etc/hostname'))).mode & 0o777, 0o644);
  assert.is(await liveName(), before);
  assert.is(osHostname(), before);
});

test('inside a root: the name is rendered; a root without /etc/hosts gets one', async () => {
  const before = await liveName();
  const root = await tempRoot();
  const yaml = 'stages:\n  test:\n    - hostname: kairos-{{ trunc 4 .MachineID }}\n';
  const run = await runYaml(yaml, {
    plugins: [hostnamePlugin(), machineIdRender('c0ffee00112233445566778899aabbcc')],
    root,
    stage: 'test',
  });
  assert.equal(run.errors, []);
  assert.is(await readFile(join(root, 'etc/hostname'), 'utf8'), 'kairos-c0ff\n');
  assert.is(await readFile(join(root, 'etc/hosts'), 'utf8'), '127.0.0.1 localhost kairos-c0ff\n');
  assert.is(await liveName(), before);
});

test('a name that did not render is an error naming it, and nothing is written', async () => {
  const root = await tempRoot();
  const run = await runYaml('stages:\n  test:\n    - hostname: kairos-{{ trunc 4 .MachineID }}\n', {
    plugins: [hostnamePlugin()],
    root,
    stage: 'test',
  });
  assert.is(run.errors.length, 1);
  assert.match(run.errors[0]!.message, /kairos-\{\{ trunc 4 \.MachineID \}\}.*did not render/);
  assert.is(await stat(join(root, 'etc/hostname')).catch(() => null), null);
});

test('on the host: the live name is set (in a private UTS namespace here) and the files written', async () => {
  const before = await liveName();
  const run = await runOnIsolatedHost({
    stage: 'initramfs',
    plugins: [{ module: new URL('../src/index.ts', import.meta.url) }],
    yaml: 'stages:\n  initramfs:\n    - hostname: yipts-isolated-node\n',
  });
  try {
    assert.equal(run.errors, []);
    assert.is(run.hostname, 'yipts-isolated-node', 'the live name was set on the host path');
    assert.is(await readFile(join(run.upper('/etc'), 'hostname'), 'utf8'), 'yipts-isolated-node\n');
    const hosts = await readFile(join(run.upper('/etc'), 'hosts'), 'utf8');
    assert.match(hosts, /^127\.0\.0\.1 localhost yipts-isolated-node$/m);
    assert.not.match(hosts, /^127\.0\.0\.1 (?!localhost yipts-isolated-node$)/m);
  } finally {
    await run.cleanup();
  }
  assert.is(await liveName(), before, 'the machine running the tests keeps its name');
  assert.is(await readFile('/etc/hostname', 'utf8').then((s) => s.trim()), before);
});

test.run();
