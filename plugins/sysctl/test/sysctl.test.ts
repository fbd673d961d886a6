import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import sysctlPlugin, { mergeSysctlConf, normalizeKey, procPath } from '../src/index.js';
import { runOnIsolatedHost, runYaml, tempDirs } from '@yipts/testing';

/** Every root of this suite, removed when it ends. */
const roots = tempDirs('yipts-sysctl-root-');
test.after(() => roots.cleanup());

const readProc = (key: string) => readFile(procPath(key), 'utf8').then((s) => s.trim());

test('keys: dotted and slashed spellings, bad keys refused', () => {
  assert.is(procPath('net.ipv4.ip_forward'), '/proc/sys/net/ipv4/ip_forward');
  assert.is(procPath('net/ipv4/conf/eth0.100/forwarding'), '/proc/sys/net/ipv4/conf/eth0.100/forwarding');
  assert.is(normalizeKey('net.ipv4.ip_forward'), normalizeKey('net/ipv4/ip_forward'));
  assert.throws(() => procPath('kernel..hostname'), /not a valid sysctl key/);
  assert.throws(() => procPath('net/../../etc/passwd'), /not a valid sysctl key/);
  assert.throws(() => procPath(''), /not a valid sysctl key/);
});

test('the persisted file is merged by key, comments and foreign lines kept', () => {
  const first = mergeSysctlConf(undefined, [
    ['vm.max_map_count', '262144'],
    ['net.core.rmem_max', '7500000'],
  ]);
  assert.match(first, /^# Written by yipts/);
  const edited = `${first}# local note\nkernel.panic = 10\n`;
  const second = mergeSysctlConf(edited, [
    ['vm/max_map_count', '1'],
    ['fs.inotify.max_user_watches', '524288'],
  ]);
  const lines = second.trimEnd().split('\n');
  assert.equal(lines.slice(1), [
    'vm/max_map_count = 1',
    'net.core.rmem_max = 7500000',
    '# local note',
    'kernel.panic = 10',
    'fs.inotify.max_user_watches = 524288',
  ]);
});

test('inside a root: persisted under the root, the host kernel untouched', async () => {
  const root = await roots.make();
  const before = await readProc('vm.swappiness');
  const other = before === '13' ? '14' : '13';
  await mkdir(join(root, 'etc/sysctl.d'), { recursive: true });
  await writeFile(join(root, 'etc/sysctl.d/99-yipts.conf'), 'vm.swappiness = 1\nkernel.panic = 5\n');
  const yaml = `stages:\n  test:\n    - sysctl:\n        vm.swappiness: ${other}\n        net.core.rmem_max: 7500000\n`;
  const run = await runYaml(yaml, { plugins: [sysctlPlugin()], root, stage: 'test' });
  assert.equal(run.errors, []);
  assert.is(await readProc('vm.swappiness'), before, 'the host value must not change');
  const conf = await readFile(join(root, 'etc/sysctl.d/99-yipts.conf'), 'utf8');
  assert.is(conf, `vm.swappiness = ${other}\nkernel.panic = 5\nnet.core.rmem_max = 7500000\n`);
});

test('inside a root: a bad key is an error naming it, the others are still persisted', async () => {
  const root = await roots.make();
  const run = await runYaml(`stages:\n  test:\n    - sysctl:\n        "net..x": 1\n        kernel.panic: 3\n`, {
    plugins: [sysctlPlugin()],
    root,
    stage: 'test',
  });
  assert.is(run.errors.length, 1);
  assert.match(run.errors[0]!.message, /net\.\.x/);
  assert.match(await readFile(join(root, 'etc/sysctl.d/99-yipts.conf'), 'utf8'), /^kernel\.panic = 3$/m);
});

test('on the host: applied live (namespaced keys) and persisted; the machine keeps its values', async () => {
  const domainBefore = await readProc('kernel.domainname');
  const forwardBefore = await readProc('net.ipv4.ip_forward');
  const run = await runOnIsolatedHost({
    stage: 'boot',
    plugins: [{ module: new URL('../src/index.ts', import.meta.url) }],
    yaml: 'stages:\n  boot:\n    - sysctl:\n        kernel.domainname: yipts-test-domain\n        net.ipv4.ip_forward: "1"\n',
    probes: ['/proc/sys/kernel/domainname', '/proc/sys/net/ipv4/ip_forward'],
  });
  try {
    assert.equal(run.errors, []);
    assert.equal(
      run.steps.map((s) => s.errors),
      [[]],
    );
    assert.is(run.probes['/proc/sys/kernel/domainname']?.trim(), 'yipts-test-domain');
    assert.is(run.probes['/proc/sys/net/ipv4/ip_forward']?.trim(), '1');
    const conf = await readFile(join(run.upper('/etc'), 'sysctl.d/99-yipts.conf'), 'utf8');
    assert.match(conf, /^kernel\.domainname = yipts-test-domain$/m);
    assert.match(conf, /^net\.ipv4\.ip_forward = 1$/m);
  } finally {
    await run.cleanup();
  }
  assert.is(await readProc('kernel.domainname'), domainBefore);
  assert.is(await readProc('net.ipv4.ip_forward'), forwardBefore);
});

test('on the host: a global key is written to the real /proc/sys (same value) and restored; unknown keys are errors', async () => {
  const before = await readProc('vm.swappiness');
  try {
    const run = await runOnIsolatedHost({
      stage: 'boot',
      plugins: [{ module: new URL('../src/index.ts', import.meta.url) }],
      yaml: `stages:\n  boot:\n    - sysctl:\n        vm.swappiness: "${before}"\n        kernel.yipts_no_such_key: "1"\n`,
    });
    try {
      const { errors } = run;
      assert.is(errors.length, 1, errors.join('\n'));
      assert.match(errors[0]!, /kernel\.yipts_no_such_key: the running kernel has no \/proc\/sys\/kernel\/yipts_no_such_key/);
      const conf = await readFile(join(run.upper('/etc'), 'sysctl.d/99-yipts.conf'), 'utf8');
      assert.match(conf, new RegExp(`^vm\\.swappiness = ${before}$`, 'm'));
    } finally {
      await run.cleanup();
    }
  } finally {
    if ((await readProc('vm.swappiness')) !== before) await writeFile(procPath('vm.swappiness'), before);
  }
  assert.is(await readProc('vm.swappiness'), before);
});

test('live: false persists only, even on the host', async () => {
  const run = await runOnIsolatedHost({
    stage: 'boot',
    plugins: [{ module: new URL('../src/index.ts', import.meta.url), options: { live: false, file: '/etc/sysctl.d/50-custom.conf' } }],
    yaml: 'stages:\n  boot:\n    - sysctl:\n        kernel.domainname: not-applied\n',
    probes: ['/proc/sys/kernel/domainname'],
  });
  try {
    assert.equal(run.errors, []);
    assert.is.not(run.probes['/proc/sys/kernel/domainname']?.trim(), 'not-applied');
    assert.match(await readFile(join(run.upper('/etc'), 'sysctl.d/50-custom.conf'), 'utf8'), /kernel\.domainname = not-applied/);
  } finally {
    await run.cleanup();
  }
});

test.run();
