// yip's systemctl and systemd-firstboot tests (pkg/plugins/systemctl_test.go,
// systemd_firstboot_test.go). yip records the command lines: here stand-ins first on PATH record
// them while the real CLI runs on the host root; overrides are written into a `--root`.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { removeTempDirs, tempDir } from '../helpers/tmp.js';
import { recordedCalls, runSteps, standIns } from './support.js';

const test = suite('yip upstream: systemctl, systemd-firstboot');
let bin: string;
let log: string;
let env: Record<string, string>;
test.before(async () => {
  bin = tempDir('yipts-upstream-bin-');
  log = join(bin, 'calls');
  await standIns(bin, ['systemctl', 'systemd-firstboot'], log);
  env = { PATH: `${bin}:${process.env.PATH}` };
});
test.before.each(async () => {
  await recordedCalls(log);
});
test.after(removeTempDirs);

// systemctl_test.go, "starts and enables services"
test('starts and enables services', async () => {
  const r = await runSteps('/', '    - systemctl: {enable: [foo], disable: [bar], mask: [baz], start: [moz]}\n', { env });
  assert.is(r.code, 0, r.stderr);
  assert.equal(await recordedCalls(log), ['systemctl enable foo', 'systemctl disable bar', 'systemctl mask baz', 'systemctl start moz']);
});

/** Runs overrides in a fresh root; returns it after checking that no command ran. */
async function overrides(entries: string): Promise<{ root: string; stderr: string }> {
  const root = tempDir();
  const r = await runSteps(root, `    - systemctl:\n        overrides: ${entries}\n`, { env });
  assert.is(r.code, 0, r.stderr);
  assert.equal(await recordedCalls(log), [], 'an override runs no command');
  return { root, stderr: r.stderr };
}

const UNIT = '"[Unit]\\nbar=baz"';
const dropIn = (root: string, path: string) => readFileSync(join(root, 'etc/systemd/system', path), 'utf8');

// systemctl_test.go, "Overrides" / "creates override files"
test('Overrides: creates override files', async () => {
  const { root } = await overrides(`[{service: foo.service, content: ${UNIT}}]`);
  assert.is(dropIn(root, 'foo.service.d/override-yip.conf'), '[Unit]\nbar=baz');
});

// systemctl_test.go, "creates override files if service is given without extension"
test('Overrides: creates override files if service is given without extension', async () => {
  const { root } = await overrides(`[{service: foo, content: ${UNIT}}]`);
  assert.is(dropIn(root, 'foo.service.d/override-yip.conf'), '[Unit]\nbar=baz');
});

// systemctl_test.go, "creates override files with custom override file name"
test('Overrides: creates override files with custom override file name', async () => {
  const { root } = await overrides(`[{service: foo.service, content: ${UNIT}, name: override-foo.conf}]`);
  assert.not.ok(existsSync(join(root, 'etc/systemd/system/foo.service.d/override-yip.conf')));
  assert.is(dropIn(root, 'foo.service.d/override-foo.conf'), '[Unit]\nbar=baz');
});

// systemctl_test.go, "creates override files with custom override file name missing the extension"
test('Overrides: creates override files with custom override file name missing the extension', async () => {
  const { root } = await overrides(`[{service: foo.service, content: ${UNIT}, name: override-foo}]`);
  assert.not.ok(existsSync(join(root, 'etc/systemd/system/foo.service.d/override-yip.conf')));
  assert.is(dropIn(root, 'foo.service.d/override-foo.conf'), '[Unit]\nbar=baz');
});

// systemctl_test.go, "doesn't do anything if service name is missing"
test("Overrides: doesn't do anything if service name is missing", async () => {
  const { root, stderr } = await overrides(`[{service: "", content: ${UNIT}}]`);
  assert.not.ok(existsSync(join(root, 'etc/systemd/system')), 'no directory is made');
  assert.match(stderr, 'no `service`');
});

// systemctl_test.go, "doesn't do anything if content is missing"
test("Overrides: doesn't do anything if content is missing", async () => {
  const { root, stderr } = await overrides('[{service: test.service, content: ""}]');
  assert.not.ok(existsSync(join(root, 'etc/systemd/system')), 'no directory is made');
  assert.match(stderr, 'test.service has no `content`');
});

// systemd_firstboot_test.go, "sets first-boot configuration"
test('sets first-boot configuration', async () => {
  const r = await runSteps('/', '    - systemd_firstboot: {keymap: us, LOCALE: en_US.UTF-8, force: "true"}\n', { env });
  assert.is(r.code, 0, r.stderr);
  assert.equal(await recordedCalls(log), ['systemd-firstboot --force --keymap=us --locale=en_US.UTF-8']);
});

test.run();
