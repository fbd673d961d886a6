/**
 * `cdrom` and `config-drive` against real labelled filesystems on loop devices. Each test uses
 * a label of its own (option `labels`), so that drives of other tests running at the same time
 * are never picked up, and the host's optical drives are left out (`opticalDevices: []`).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFile, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { busyboxRoot, findMountsUnder, loopImage, startHttpServer } from '@yipts/test-fixtures';
import type { FileTree } from '@yipts/test-fixtures';
import datasourcePlugin from '../src/index.js';
import { runStage, step } from './support/run-stage.js';

const uniqueLabel = () => `ds${randomBytes(5).toString('hex')}`;

async function ourMountDirs(): Promise<string[]> {
  return (await readdir(tmpdir())).filter((n) => n.startsWith('yipts-datasource-'));
}

async function mountsOf(device: string): Promise<string[]> {
  const text = await readFile('/proc/self/mountinfo', 'utf8');
  return text.split('\n').filter((l) => l.includes(` ${device} `));
}

async function withDrive(files: FileTree, body: (label: string, device: string, root: string) => Promise<void>): Promise<void> {
  const label = uniqueLabel();
  const drive = await loopImage({ label, sizeMiB: 8, files });
  const root = await busyboxRoot();
  try {
    await body(label, drive.device, root.path);
    assert.equal(await mountsOf(drive.device), [], 'the drive is unmounted');
    assert.equal(await findMountsUnder(root.path), [], 'nothing mounted in the root');
  } finally {
    await root.cleanup();
    await drive.cleanup();
  }
}

test('cdrom: user-data of a labelled drive, read before any network provider', async () => {
  const before = await ourMountDirs();
  const server = await startHttpServer({ '/aws/meta-data/hostname': 'aws-node', '/aws/user-data': '#cloud-config\nfrom: aws\n' });
  try {
    await withDrive({ 'user-data': '#cloud-config\nfrom: cidata\n', 'meta-data': 'instance-id: x\n' }, async (label, _device, root) => {
      const plugin = datasourcePlugin({ labels: { cdrom: [label] }, opticalDevices: [], endpoints: { aws: `${server.url}/aws` } });
      // Listed after aws, still first: as yip, drives are looked at before the network.
      const run = await runStage([plugin], step('{providers: [aws, cdrom]}'), root);
      assert.equal(run.errors, []);
      assert.is(await readFile(join(root, 'run/config/userdata.yaml'), 'utf8'), '#cloud-config\nfrom: cidata\n');
      assert.ok(
        run.logs.some((l) => l.message.includes(`CDROM(`)),
        'the winner is named in the log',
      );
    });
    assert.equal(server.hits, [], 'the network was not asked once a drive had user data');
  } finally {
    await server.close();
  }
  assert.equal(await ourMountDirs(), before, 'temporary mount points removed');
});

test('cdrom: a drive with the label but no user data falls through to the next provider', async () => {
  const server = await startHttpServer({ '/aws/meta-data/hostname': 'aws-node', '/aws/user-data': '#cloud-config\nfrom: aws\n' });
  try {
    await withDrive({ 'meta-data': 'instance-id: x\n' }, async (label, _device, root) => {
      const plugin = datasourcePlugin({ labels: { cdrom: [label] }, opticalDevices: [], endpoints: { aws: `${server.url}/aws` } });
      const run = await runStage([plugin], step('{providers: [cdrom, aws]}'), root);
      assert.equal(run.errors, []);
      assert.is(await readFile(join(root, 'run/config/userdata.yaml'), 'utf8'), '#cloud-config\nfrom: aws\n');
    });
  } finally {
    await server.close();
  }
});

test('config-drive: openstack/latest/user_data of a config-2 style drive', async () => {
  await withDrive(
    { 'openstack/latest/user_data': '#cloud-config\nfrom: config-drive\n', 'user-data': 'not this one\n' },
    async (label, _device, root) => {
      const plugin = datasourcePlugin({ labels: { configDrive: [label], cdrom: [] }, opticalDevices: [] });
      const run = await runStage([plugin], step('{providers: [cdrom, config-drive], path: /oem/95_userdata}'), root);
      assert.equal(run.errors, []);
      assert.is(await readFile(join(root, 'oem/95_userdata/userdata.yaml'), 'utf8'), '#cloud-config\nfrom: config-drive\n');
    },
  );
});

test.run();
