// yip's tests of the plugins that write one system file (pkg/plugins/dns_test.go,
// environment_test.go, hostname_test.go, timesyncd_test.go, sysctl_test.go), through the real CLI
// with `--root`.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { removeTempDirs, tempDir, writeTree } from '../helpers/tmp.js';
import { stepsSucceed } from './support.js';

const test = suite('yip upstream: dns, environment, hostname, timesyncd, sysctl');
test.after.each(removeTempDirs);

const read = (root: string, path: string) => readFileSync(join(root, path), 'utf8');

// dns_test.go, "sets dns"
test('sets dns', async () => {
  const root = writeTree(tempDir(), { 'tmp/test/bar': 'boo' });
  await stepsSucceed(root, '    - dns: {path: /tmp/foo, nameservers: [8.8.8.8]}\n');
  assert.is(read(root, 'tmp/foo'), 'nameserver 8.8.8.8\n');
});

// environment_test.go, "configures a /etc/environment setting"
test('configures a /etc/environment setting', async () => {
  const root = writeTree(tempDir(), { 'etc/environment': '' });
  await stepsSucceed(root, '    - environment: {foo: "0"}\n');
  assert.is(read(root, 'etc/environment'), 'foo=0\n');
});

// environment_test.go, "configures a /run/cos/cos-layout.env file and creates missing directories"
test('configures a /run/cos/cos-layout.env file and creates missing directories', async () => {
  const root = writeTree(tempDir(), { 'run/.keep': '' });
  assert.not.ok(existsSync(join(root, 'run/cos')));
  await stepsSucceed(root, '    - environment: {foo: "0"}\n      environment_file: /run/cos/cos-layout.env\n');
  assert.is(statSync(join(root, 'run/cos')).mode & 0o777, 0o744);
  assert.is(read(root, 'run/cos/cos-layout.env'), 'foo=0\n');
});

// hostname_test.go, "configures /etc/hostname"
test('configures /etc/hostname', async () => {
  const root = writeTree(tempDir(), { 'etc/hostname': 'boo', 'etc/hosts': '127.0.0.1 boo' });
  await stepsSucceed(root, '    - hostname: bar\n');
  assert.is(read(root, 'etc/hostname'), 'bar\n');
  assert.is(read(root, 'etc/hosts'), '127.0.0.1 localhost bar\n');
});

// timesyncd_test.go, "configures timesyncd"
test('configures timesyncd', async () => {
  const root = writeTree(tempDir(), { 'etc/systemd/foo.conf': '' });
  await stepsSucceed(root, '    - timesyncd: {NTP: 0.pool}\n');
  assert.is(read(root, 'etc/systemd/timesyncd.conf.d/10-yip.conf'), '[Time]\nNTP = 0.pool\n');
});

// sysctl_test.go, "configures a /sys/proc setting". Deliberately different (README, Compatibility:
// sysctl applied live only): for a target root the value is persisted in the root's sysctl.d and
// no /proc/sys file is written, in the root or on the host.
test('configures a /sys/proc setting', async () => {
  const root = writeTree(tempDir(), { 'proc/sys/debug/.keep': '' });
  await stepsSucceed(root, '    - sysctl: {debug.exception-trace: "0"}\n');
  assert.match(read(root, 'etc/sysctl.d/99-yipts.conf'), /^debug\.exception-trace = 0$/m);
  assert.not.ok(existsSync(join(root, 'proc/sys/debug/exception-trace')));
});

test.run();
