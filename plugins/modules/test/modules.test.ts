import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import modulesPlugin, { mergeModprobeOptions, mergeModulesLoad, parseModuleEntry } from '../src/index.js';
import { runOnIsolatedHost, runYaml, tempDirs } from '@yipts/testing';

/** Every root of this suite, removed when it ends. */
const roots = tempDirs('yipts-fake-modprobe-');
test.after(() => roots.cleanup());

/** A directory with a `modprobe` that only records its arguments: proves whether it was called. */
async function recordingModprobe(): Promise<{ dir: string; calls: () => Promise<string[]> }> {
  const dir = await roots.make();
  const log = join(dir, 'calls.log');
  await writeFile(join(dir, 'modprobe'), `#!/bin/sh\necho "$*" >> ${log}\n`);
  await chmod(join(dir, 'modprobe'), 0o755);
  return {
    dir,
    calls: () =>
      readFile(log, 'utf8').then(
        (t) => t.trimEnd().split('\n'),
        () => [],
      ),
  };
}

test('entries: name and parameters, bad names refused', () => {
  assert.equal(parseModuleEntry('  nvidia  NVreg_X=1 modeset=1 '), { name: 'nvidia', params: ['NVreg_X=1', 'modeset=1'] });
  assert.throws(() => parseModuleEntry(''), /empty/);
  assert.throws(() => parseModuleEntry('../evil'), /not a kernel module name/);
});

test('persisted files are merged: no duplicates (- and _ alike), options replaced per module', () => {
  const load = mergeModulesLoad('# mine\nbr_netfilter\n', [parseModuleEntry('br-netfilter'), parseModuleEntry('overlay')]);
  assert.is(load, '# mine\nbr_netfilter\noverlay\n');
  const opts1 = mergeModprobeOptions(undefined, [parseModuleEntry('kvm_intel nested=1'), parseModuleEntry('loop')]);
  assert.match(opts1!, /^options kvm_intel nested=1$/m);
  const opts2 = mergeModprobeOptions(opts1, [parseModuleEntry('kvm-intel nested=0')]);
  assert.is(opts2!.match(/^options kvm/gm)?.length, 1);
  assert.match(opts2!, /^options kvm-intel nested=0$/m);
  assert.is(mergeModprobeOptions('keep\n', [parseModuleEntry('loop')]), 'keep\n');
});

test('inside a root: persisted under the root, modprobe never run', async () => {
  const root = await mkdtemp(join(tmpdir(), 'yipts-modules-root-'));
  const fake = await recordingModprobe();
  try {
    await mkdir(join(root, 'etc/modules-load.d'), { recursive: true });
    await writeFile(join(root, 'etc/modules-load.d/99-yipts.conf'), 'overlay\n');
    const yaml = 'stages:\n  test:\n    - modules:\n        - overlay\n        - br_netfilter\n        - kvm_intel nested=1\n';
    const run = await runYaml(yaml, {
      plugins: [modulesPlugin()],
      root,
      stage: 'test',
      env: { ...process.env, PATH: `${fake.dir}:${process.env.PATH}` },
    });
    assert.equal(run.errors, []);
    assert.is(await readFile(join(root, 'etc/modules-load.d/99-yipts.conf'), 'utf8'), 'overlay\nbr_netfilter\nkvm_intel\n');
    assert.match(await readFile(join(root, 'etc/modprobe.d/99-yipts.conf'), 'utf8'), /^options kvm_intel nested=1$/m);
    assert.equal(await fake.calls(), [], 'the host kernel is never asked to load anything from a chroot stage');
  } finally {
    await rm(root, { recursive: true, force: true });
    await rm(fake.dir, { recursive: true, force: true });
  }
});

test('on the host: loaded or built-in modules are skipped, others go to modprobe with their parameters', async () => {
  const fake = await recordingModprobe();
  try {
    const run = await runOnIsolatedHost({
      stage: 'boot',
      plugins: [{ module: new URL('../src/index.ts', import.meta.url) }],
      // `loop` is built into this kernel (/sys/module/loop), the other one exists nowhere.
      yaml: 'stages:\n  boot:\n    - modules:\n        - loop\n        - yipts_dummy_mod answer=42 flag\n',
      env: { PATH: `${fake.dir}:/usr/sbin:/usr/bin:/sbin:/bin` },
    });
    try {
      assert.equal(run.errors, []);
      assert.equal(await fake.calls(), ['yipts_dummy_mod answer=42 flag']);
      assert.is(
        await readFile(join(run.upper('/etc'), 'modules-load.d/99-yipts.conf'), 'utf8'),
        '# Written by yipts from the `modules` keys of yip configs; loaded at boot by systemd-modules-load.\nloop\nyipts_dummy_mod\n',
      );
      assert.match(
        await readFile(join(run.upper('/etc'), 'modprobe.d/99-yipts.conf'), 'utf8'),
        /^options yipts_dummy_mod answer=42 flag$/m,
      );
    } finally {
      await run.cleanup();
    }
  } finally {
    await rm(fake.dir, { recursive: true, force: true });
  }
});

test('on the host: without modprobe the error says so, and the module is still persisted', async () => {
  const empty = await mkdtemp(join(tmpdir(), 'yipts-no-modprobe-'));
  try {
    const run = await runOnIsolatedHost({
      stage: 'boot',
      plugins: [{ module: new URL('../src/index.ts', import.meta.url) }],
      yaml: 'stages:\n  boot:\n    - modules:\n        - yipts_dummy_mod\n',
      env: { PATH: empty },
    });
    try {
      const { errors } = run;
      assert.is(errors.length, 1);
      assert.match(errors[0]!, /module yipts_dummy_mod: modprobe is not installed/);
      assert.match(await readFile(join(run.upper('/etc'), 'modules-load.d/99-yipts.conf'), 'utf8'), /^yipts_dummy_mod$/m);
    } finally {
      await run.cleanup();
    }
  } finally {
    await rm(empty, { recursive: true, force: true });
  }
});

test.run();
