/** Host names: what is accepted, how /etc/hosts is rewritten, and setting one in a target root. */
import { chmod, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { checkHostname, rewriteHosts, setHostname } from '../src/index.js';
import { tempDirs } from './helpers.js';

const tmp = tempDirs();
test.after(tmp.cleanup);

test('names: what the kernel would refuse is refused with the reason', () => {
  assert.is(checkHostname('  node-1\n'), 'node-1');
  assert.throws(() => checkHostname(''), /empty/);
  assert.throws(() => checkHostname('kairos-{{ trunc 4 .MachineID }}'), /did not render/);
  assert.throws(() => checkHostname('two words'), /not a valid host name/);
  assert.throws(() => checkHostname('x'.repeat(65)), /longer than 64/);
});

test('hosts: every 127.0.0.1 line is rewritten, the rest kept', () => {
  const text = '127.0.0.1 localhost\n::1 localhost ip6-localhost\n  127.0.0.1   old-name\n# 127.0.0.1 comment\n10.0.0.1 gw';
  assert.is(
    rewriteHosts(text, 'n1'),
    '127.0.0.1 localhost n1\n::1 localhost ip6-localhost\n127.0.0.1 localhost n1\n# 127.0.0.1 comment\n10.0.0.1 gw\n',
  );
});

test('in a target root: both files written, the hosts file keeps its mode, the machine keeps its name', async () => {
  const before = await readFile('/proc/sys/kernel/hostname', 'utf8');
  const root = await tmp.make('yipts-hostname-');
  await mkdir(join(root, 'etc'));
  await writeFile(join(root, 'etc/hosts'), '127.0.0.1 localhost old\n::1 localhost\n');
  await chmod(join(root, 'etc/hosts'), 0o640);
  const outcome = await setHostname(root, 'box-1');
  assert.equal(outcome, { live: false, written: ['/etc/hostname', '/etc/hosts'], errors: [] });
  assert.is(await readFile(join(root, 'etc/hostname'), 'utf8'), 'box-1\n');
  assert.is(await readFile(join(root, 'etc/hosts'), 'utf8'), '127.0.0.1 localhost box-1\n::1 localhost\n');
  assert.is((await stat(join(root, 'etc/hosts'))).mode & 0o777, 0o640);
  assert.is(await readFile('/proc/sys/kernel/hostname', 'utf8'), before);
});

test('a part that fails is returned as an error naming it; the other part is still done', async () => {
  const root = await tmp.make('yipts-hostname-');
  await mkdir(join(root, 'etc/hostname'), { recursive: true });
  const outcome = await setHostname(root, 'box-2');
  assert.equal(outcome.written, ['/etc/hosts']);
  assert.is(outcome.errors.length, 1);
  assert.match(outcome.errors[0]!.message, /^\/etc\/hostname: /);
  assert.is(await readFile(join(root, 'etc/hosts'), 'utf8'), '127.0.0.1 localhost box-2\n');
});

test.run();
