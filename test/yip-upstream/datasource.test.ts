// yip's datasource tests (pkg/plugins/datasource_test.go), through the real CLI with `--root`.
// Every HTTP provider is pointed at a loopback server that has no data, and no drive label can
// match, so nothing outside this machine is asked.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { startHttpServer } from '../fixtures/index.js';
import type { TestHttpServer } from '../fixtures/index.js';
import type { CliResult } from '../helpers/cli.js';
import { removeTempDirs, tempDir, writeTree } from '../helpers/tmp.js';
import { runSteps } from './support.js';

const test = suite('yip upstream: datasource');
const PROVIDERS = ['aws', 'gcp', 'hetzner', 'openstack', 'digitalocean', 'vultr', 'packet', 'scaleway'];
let server: TestHttpServer;
let config: string;

test.before(async () => {
  server = await startHttpServer({});
  const endpoints = PROVIDERS.map((p) => `${p}: "${server.url}/${p}/"`).join(', ');
  const labels = '{cdrom: [yipts-no-such-label], configDrive: [yipts-no-such-label]}';
  config = `pluginOptions:\n  datasource: {endpoints: {${endpoints}}, opticalDevices: [], labels: ${labels}}\n`;
});
test.after(async () => {
  await server?.close();
  removeTempDirs();
});

async function datasource(root: string, spec: string): Promise<CliResult> {
  return runSteps(root, `    - datasource: ${spec}\n`, { config });
}

// datasource_test.go, "Runs datasources and fails to adquire any metadata"
test('Runs datasources and fails to adquire any metadata', async () => {
  const root = tempDir();
  const r = await datasource(root, '{providers: [cdrom]}');
  assert.is(r.code, 1);
  assert.match(r.stderr.toLowerCase(), 'no metadata/userdata found');
  assert.ok(statSync(join(root, 'run/config')).isDirectory());
});

// datasource_test.go, "Runs each datasource just once"
test('Runs each datasource just once', async () => {
  const root = tempDir();
  const others = ['vmware', 'hetzner', 'gcp', 'scaleway', 'vultr', 'digitalocean', 'metaldata', 'azure', 'openstack', 'cdrom'];
  const listed = [...others, ...Array(150).fill('aws')];
  server.hits.length = 0;
  const started = Date.now();
  const r = await datasource(root, `{providers: [${listed.join(', ')}]}`);
  assert.ok(Date.now() - started < 10_000, 'well under the time of one probe after the other');
  assert.is(r.code, 1);
  assert.match(r.stderr.toLowerCase(), 'no metadata/userdata found');
  assert.ok(statSync(join(root, 'run/config')).isDirectory());
  const awsProbes = server.hits.filter((h) => h.startsWith('/aws/'));
  assert.ok(awsProbes.length > 0, 'aws was asked');
  assert.is(new Set(awsProbes).size, awsProbes.length, `aws was probed once, not once per listing: ${awsProbes.join(' ')}`);
});

const CLOUD_CONFIG = '#cloud-config\nhostname: test';

// datasource_test.go, "Properly finds a datasource and transforms it into a userdata file"
test('Properly finds a datasource and transforms it into a userdata file', async () => {
  const root = writeTree(tempDir(), { 'srv/datasource': CLOUD_CONFIG });
  const r = await datasource(root, '{providers: [file], path: /srv/datasource}');
  assert.is(r.code, 0, r.stderr);
  assert.is(readFileSync(join(root, 'run/config/userdata.yaml'), 'utf8'), CLOUD_CONFIG);
});

// datasource_test.go, "Properly finds a datasource and transforms it into a userdata file with custom name"
test('Properly finds a datasource and transforms it into a userdata file with custom name', async () => {
  const root = writeTree(tempDir(), { 'srv/datasource': CLOUD_CONFIG });
  const r = await datasource(root, '{providers: [file], path: /srv/datasource, userdata_name: 01_userdata.yaml}');
  assert.is(r.code, 0, r.stderr);
  assert.is(readFileSync(join(root, 'run/config/01_userdata.yaml'), 'utf8'), CLOUD_CONFIG);
  assert.not.ok(existsSync(join(root, 'run/config/userdata.yaml')));
});

const VMWARE_MULTIPART = `Content-Type: multipart/mixed; boundary="MIMEBOUNDARY"
MIME-Version: 1.0

--MIMEBOUNDARY
Content-Transfer-Encoding: 7bit
Content-Type: text/cloud-config
Mime-Version: 1.0

#cloud-config
hostname: test

--MIMEBOUNDARY
Content-Transfer-Encoding: 7bit
Content-Type: text/x-shellscript
Mime-Version: 1.0

#!/usr/bin/env bash
echo "hi"

--MIMEBOUNDARY--
`;

// datasource_test.go, "Properly decodes VMWARE datasource": the multipart and the plain
// cloud-config end up as the same user data
test('Properly decodes VMWARE datasource', async () => {
  for (const data of [VMWARE_MULTIPART, '#cloud-config\nhostname: test\n']) {
    const root = writeTree(tempDir(), { 'srv/datasource': data });
    const r = await datasource(root, '{providers: [file], path: /srv/datasource}');
    assert.is(r.code, 0, r.stderr);
    assert.is(readFileSync(join(root, 'run/config/userdata.yaml'), 'utf8'), '#cloud-config\nhostname: test\n');
  }
});

test.run();
