/** offlineCommand: the host's copy aimed at the root with --root=ROOT, else the image's copy chrooted. */
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { rejectionOf } from '@yipts/test-fixtures';
import { offlineCommand } from '../src/index.js';
import type { OfflineTool } from '../src/index.js';
import { tempDirs } from './helpers.js';

const tmp = tempDirs();
test.after(tmp.cleanup);

/** A name no host has, so that only the test's own copies exist. */
const TOOL = 'yipts-offline-probe';

async function program(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, TOOL), '#!/bin/sh\n');
  await chmod(join(dir, TOOL), 0o755);
}

/** A host PATH directory and a target root, each with or without the tool. */
async function setup(onHost: boolean, inRoot: boolean): Promise<{ hostDir: string; root: string }> {
  const hostDir = await tmp.make('yipts-host-bin-');
  const root = await tmp.make('yipts-root-');
  if (onHost) await program(hostDir);
  if (inRoot) await program(join(root, 'usr/bin'));
  return { hostDir, root };
}

test('auto and host: the host copy, aimed at the root and run on the host', async () => {
  const { hostDir, root } = await setup(true, true);
  for (const choice of ['auto', 'host'] as OfflineTool[]) {
    const command = await offlineCommand(TOOL, `${root}/`, choice, { PATH: hostDir });
    assert.equal(command.argv, [join(hostDir, TOOL), `--root=${root}`], choice);
    assert.is(command.execRoot, '/');
  }
});

test("auto without a host copy, and root: the image's copy, chrooted, acting on /", async () => {
  const { hostDir, root } = await setup(false, true);
  assert.equal(await offlineCommand(TOOL, root, 'auto', { PATH: hostDir }), { argv: [`/usr/bin/${TOOL}`, '--root=/'], execRoot: root });
  const both = await setup(true, true);
  assert.equal(await offlineCommand(TOOL, both.root, 'root', { PATH: both.hostDir }), {
    argv: [`/usr/bin/${TOOL}`, '--root=/'],
    execRoot: both.root,
  });
});

test('the image copy is looked for in the standard PATH, not the caller one', async () => {
  const { root } = await setup(false, false);
  await program(join(root, 'opt/bin'));
  assert.match(
    (await rejectionOf(offlineCommand(TOOL, root, 'root', { PATH: '/opt/bin' }))).message,
    `${TOOL} is not installed in the target root`,
  );
});

test('a missing tool: an error that names where it was looked for', async () => {
  const hostOnly = await setup(true, false);
  assert.is(
    (await rejectionOf(offlineCommand(TOOL, hostOnly.root, 'root', { PATH: hostOnly.hostDir }))).message,
    `${TOOL} is not installed in the target root`,
  );
  const rootOnly = await setup(false, true);
  assert.is(
    (await rejectionOf(offlineCommand(TOOL, rootOnly.root, 'host', { PATH: rootOnly.hostDir }))).message,
    `${TOOL} is not installed on this host`,
  );
  const neither = await setup(false, false);
  assert.is(
    (await rejectionOf(offlineCommand(TOOL, neither.root, 'auto', { PATH: neither.hostDir }))).message,
    `${TOOL} is installed neither on this host nor in the target root`,
  );
});

test.run();
