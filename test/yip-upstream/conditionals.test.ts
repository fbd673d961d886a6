// yip's conditional tests (pkg/plugins/if_test.go), through the real CLI with `--root`: each step
// writes /ran when it runs, so a skip is seen on the disk, and the reason in the log.
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { CliResult } from '../helpers/cli.js';
import { removeTempDirs, tempDir, writeTree } from '../helpers/tmp.js';
import { busyboxRoot } from '../fixtures/index.js';
import { stepsSucceed } from './support.js';
import type { TempRoot } from '../fixtures/index.js';

const test = suite('yip upstream: conditionals');
let box: TempRoot;
test.before(async () => {
  box = await busyboxRoot();
});
test.after(async () => {
  await box?.cleanup();
});
test.after.each(removeTempDirs);

interface Outcome {
  readonly ran: boolean;
  readonly cli: CliResult;
}

/** Runs one step (YAML mapping lines, indented by 6) that also writes /ran, in `root`. */
async function runStep(root: string, conditions: string): Promise<Outcome> {
  const cli = await stepsSucceed(root, `    - name: step\n${conditions}      files: [{path: /ran, content: x}]\n`);
  const ran = existsSync(join(root, 'ran'));
  // Roots are shared by several runs: the next one starts without the mark.
  rmSync(join(root, 'ran'), { force: true });
  return { ran, cli };
}

/** A root as yip's test file system: /etc/hostname and /etc/hosts, plus `files`. */
function etcRoot(files: Record<string, string> = {}): string {
  return writeTree(tempDir(), { 'etc/hostname': 'boo', 'etc/hosts': '127.0.0.1 boo', ...files });
}

function skipped(outcome: Outcome, reason: string): void {
  assert.not.ok(outcome.ran, 'the step is skipped');
  assert.ok(outcome.cli.stderr.includes(reason), `the reason names ${reason}:\n${outcome.cli.stderr}`);
}

// if_test.go, "IfConditional" / "Succeeds" / "Executes": the `if` text is run by the shell
test('IfConditional: Executes', async () => {
  const failing = await runStep(box.path, '      if: "exit 1"\n');
  skipped(failing, 'exit 1');
  const marking = await runStep(box.path, '      if: "touch /if-ran"\n');
  assert.ok(marking.ran);
  assert.ok(existsSync(join(box.path, 'if-ran')), 'the snippet ran inside the root');
});

// if_test.go, "IfOsConditional" / "Executes"
test('IfOsConditional: Executes', async () => {
  skipped(await runStep(etcRoot(), '      only_os: weird\n'), 'weird');
});

// if_test.go, "IfOsVersionConditional" / "Executes"
test('IfOsVersionConditional: Executes', async () => {
  skipped(await runStep(etcRoot(), '      only_os_version: weird\n'), 'weird');
});

const GO_ARCH: Record<string, string> = { x64: 'amd64', arm64: 'arm64', ia32: '386', arm: 'arm' };

// if_test.go, "IfArchConditional" / "Fails with no match"
test('IfArchConditional: Fails with no match', async () => {
  const outcome = await runStep(etcRoot(), '      only_arch: weird\n');
  skipped(outcome, 'weird');
  assert.ok(outcome.cli.stderr.includes(GO_ARCH[process.arch]!), 'the reason names the architecture');
});

// if_test.go, "IfArchConditional" / "Succeeds"
test('IfArchConditional: Succeeds', async () => {
  assert.ok((await runStep(etcRoot(), `      only_arch: ${GO_ARCH[process.arch]}\n`)).ran);
});

// if_test.go, "IfServiceConditional" / "Fails if not supported"
test('IfServiceConditional: Fails if not supported', async () => {
  skipped(await runStep(etcRoot({ 'sbin/systemctl': '' }), '      only_service_manager: weird\n'), 'not supported');
});

// if_test.go, "IfServiceConditional" / "Fails if not matched"
test('IfServiceConditional: Fails if not matched', async () => {
  skipped(await runStep(etcRoot(), '      only_service_manager: openrc\n'), 'openrc');
});

// if_test.go, "IfServiceConditional" / "Fails if it finds both"
test('IfServiceConditional: Fails if it finds both', async () => {
  skipped(await runStep(etcRoot({ 'sbin/systemctl': '', 'sbin/openrc': '' }), '      only_service_manager: systemd\n'), 'systemd');
});

// if_test.go, "IfServiceConditional" / "Succeeds to find systemctl"
test('IfServiceConditional: Succeeds to find systemctl', async () => {
  assert.ok((await runStep(etcRoot({ 'sbin/systemctl': '' }), '      only_service_manager: systemd\n')).ran);
});

// if_test.go, "IfServiceConditional" / "Succeeds to find openrc"
test('IfServiceConditional: Succeeds to find openrc', async () => {
  assert.ok((await runStep(etcRoot({ 'sbin/openrc': '' }), '      only_service_manager: openrc\n')).ran);
});

const ifFiles = (checks: string) => `      if_files: ${checks}\n`;

// if_test.go, "IfFiles" / "Fails with unknown check type"
test('IfFiles: Fails with unknown check type', async () => {
  skipped(await runStep(etcRoot(), ifFiles('{wrongCheck: []}')), 'unknown if_files check type: wrongCheck');
});

// if_test.go, "IfFiles" / "Succeeds when all files exist (IfCheckAll)"
test('IfFiles: Succeeds when all files exist (IfCheckAll)', async () => {
  assert.ok((await runStep(etcRoot(), ifFiles('{all: [/etc/hostname, /etc/hosts]}'))).ran);
});

// if_test.go, "IfFiles" / "Fails when not all files exist (IfCheckAll)"
test('IfFiles: Fails when not all files exist (IfCheckAll)', async () => {
  skipped(await runStep(etcRoot(), ifFiles('{all: [/etc/hostname, /notfound]}')), '/notfound');
});

// if_test.go, "IfFiles" / "Succeeds when at least one file exists (IfCheckAny)"
test('IfFiles: Succeeds when at least one file exists (IfCheckAny)', async () => {
  assert.ok((await runStep(etcRoot(), ifFiles('{any: [/etc/hostname, /notfound]}'))).ran);
});

// if_test.go, "IfFiles" / "Fails when no files exist (IfCheckAny)"
test('IfFiles: Fails when no files exist (IfCheckAny)', async () => {
  skipped(await runStep(etcRoot(), ifFiles('{any: [/notfound1, /notfound2]}')), 'if_files.any');
});

// if_test.go, "IfFiles" / "Succeeds when no files exist (IfCheckNone)"
test('IfFiles: Succeeds when no files exist (IfCheckNone)', async () => {
  assert.ok((await runStep(etcRoot(), ifFiles('{none: [/notfound1, /notfound2]}'))).ran);
});

// if_test.go, "IfFiles" / "Fails when at least one file exists (IfCheckNone)"
test('IfFiles: Fails when at least one file exists (IfCheckNone)', async () => {
  skipped(await runStep(etcRoot(), ifFiles('{none: [/etc/hostname, /notfound]}')), '/etc/hostname exists');
});

// if_test.go, "IfFiles" / "Succeeds with empty file list for all checks"
test('IfFiles: Succeeds with empty file list for all checks', async () => {
  assert.ok((await runStep(etcRoot(), ifFiles('{all: [], any: [], none: []}'))).ran);
});

test.run();
