/**
 * The metadata services, played by a loopback server: the same paths, headers and answers as
 * the clouds, under one prefix per provider so that several clouds answer at once.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { access, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { busyboxRoot, startHttpServer } from '@yipts/test-fixtures';
import type { Routes, TestHttpServer } from '@yipts/test-fixtures';
import authorizedKeysPlugin from '@yipts/plugin-authorized-keys';
import hostnamePlugin from '@yipts/plugin-hostname';
import datasourcePlugin from '../src/index.js';
import type { DatasourceOptions } from '../src/index.js';
import { runStage, step } from './support/run-stage.js';

const AWS_KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAwsKeyForTestsOnly aws@test';
const GCP_KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGcpKeyForTestsOnly gcp@test';

const awsRoutes = (prefix: string, userdata: string): Routes => ({
  [`${prefix}/meta-data/hostname`]: 'aws-node',
  [`${prefix}/meta-data/local-ipv4`]: '10.0.0.5',
  [`${prefix}/meta-data/instance-id`]: 'i-123',
  [`${prefix}/meta-data/public-keys/0/openssh-key`]: `${AWS_KEY}\n`,
  [`${prefix}/user-data`]: userdata,
});

function delayed(ms: number, body: string) {
  return (_req: IncomingMessage, res: ServerResponse) => {
    setTimeout(() => res.writeHead(200).end(body), ms);
  };
}

/** Never answers: a metadata address nobody serves. */
const hang = (_req: IncomingMessage, _res: ServerResponse) => {};

async function withServer(routes: Routes, body: (server: TestHttpServer, root: string) => Promise<void>): Promise<void> {
  const server = await startHttpServer(routes);
  const root = await busyboxRoot();
  try {
    await body(server, root.path);
  } finally {
    await server.close();
    await root.cleanup();
  }
}

const read = (root: string, p: string) => readFile(join(root, p), 'utf8');
const modeOf = async (root: string, p: string) => (await stat(join(root, p))).mode & 0o777;
const exists = (p: string) =>
  access(p).then(
    () => true,
    () => false,
  );

test('aws: user data, host name and ssh keys land in the root (the last two through the hostname and authorized-keys plugins)', async () => {
  const userdata = '#cloud-config\nhostname: from-aws\n';
  await withServer(awsRoutes('/aws', userdata), async (server, root) => {
    const hostBefore = await exists('/run/config/local_ipv4');
    const plugin = datasourcePlugin({ endpoints: { aws: `${server.url}/aws` }, opticalDevices: [] });
    const run = await runStage([plugin, hostnamePlugin(), authorizedKeysPlugin()], step('{providers: [aws]}'), root);
    assert.equal(run.errors, []);
    assert.equal(run.statuses, ['ok']);
    assert.is(await read(root, 'run/config/userdata.yaml'), userdata);
    assert.is(await read(root, 'run/config/userdata'), userdata);
    assert.is(await modeOf(root, 'run/config/userdata.yaml'), 0o644);
    assert.is(await read(root, 'run/config/hostname'), 'aws-node');
    assert.is(await read(root, 'etc/hostname'), 'aws-node\n', "the metadata host name becomes the image's name");
    assert.match(await read(root, 'etc/hosts'), /^127\.0\.0\.1 localhost aws-node$/m);
    assert.is.not((await import('node:os')).hostname(), 'aws-node', 'the running machine keeps its name');
    assert.is(await read(root, 'run/config/local_ipv4'), '10.0.0.5');
    assert.is(await read(root, 'run/config/instance_id'), 'i-123');
    assert.not.ok(await exists(join(root, 'run/config/public_ipv4')), 'an entry the service lacks is no file');
    assert.is(await read(root, 'run/config/ssh/authorized_keys'), `${AWS_KEY}\n`);
    assert.is(await modeOf(root, 'run/config/ssh/authorized_keys'), 0o600);
    assert.match(await read(root, 'root/.ssh/authorized_keys'), AWS_KEY);
    assert.is(await exists('/run/config/local_ipv4'), hostBefore, 'nothing written on the host');
  });
});

test('without the hostname and authorized-keys plugins the metadata is kept, the name and keys are warnings', async () => {
  await withServer(awsRoutes('/aws', '#cloud-config\nfrom: aws\n'), async (server, root) => {
    const nameBefore = await read(root, 'etc/hostname').catch(() => undefined);
    const run = await runStage(
      [datasourcePlugin({ endpoints: { aws: `${server.url}/aws` }, opticalDevices: [] })],
      step('{providers: [aws]}'),
      root,
    );
    assert.equal(run.errors, []);
    assert.equal(run.statuses, ['ok']);
    assert.is(await read(root, 'run/config/hostname'), 'aws-node');
    assert.is(await read(root, 'run/config/ssh/authorized_keys'), `${AWS_KEY}\n`);
    assert.is(await read(root, 'etc/hostname').catch(() => undefined), nameBefore, 'nobody sets the name');
    assert.not.ok(await exists(join(root, 'root/.ssh/authorized_keys')), "nobody writes root's keys");
    const warnings = run.logs.filter((l) => l.level === 'warning').map((l) => l.message);
    assert.equal(warnings, ['no plugin handles `hostname`; it is ignored', 'no plugin handles `authorized_keys`; it is ignored']);
  });
});

test("a metadata host name the hostname plugin refuses is that plugin's error; the user data is still stored", async () => {
  const routes = { ...awsRoutes('/aws', '#cloud-config\nfrom: aws\n'), '/aws/meta-data/hostname': 'no such/name' };
  await withServer(routes, async (server, root) => {
    const nameBefore = await read(root, 'etc/hostname').catch(() => undefined);
    const run = await runStage(
      [datasourcePlugin({ endpoints: { aws: `${server.url}/aws` }, opticalDevices: [] }), hostnamePlugin()],
      step('{providers: [aws]}'),
      root,
    );
    const errors = run.result.stages.flatMap((st) => st.steps.flatMap((s) => s.errors));
    assert.equal(
      errors.map((e) => [e.plugin, e.hook, e.stepId]),
      [['hostname', 'action:hostname', 'test.yaml.pull']],
    );
    assert.match(errors[0]!.reason, /`no such\/name` is not a valid host name/);
    assert.is(await read(root, 'run/config/userdata.yaml'), '#cloud-config\nfrom: aws\n');
    assert.is(await read(root, 'etc/hostname').catch(() => undefined), nameBefore);
  });
});

test('priority: the first listed provider with user data wins, even when it answers last', async () => {
  const routes: Routes = {
    ...awsRoutes('/aws', '#cloud-config\nfrom: aws\n'),
    '/hz/metadata/hostname': delayed(300, 'hz-node'),
    '/hz/metadata/instance-id': '42',
    '/hz/userdata': '#cloud-config\nfrom: hetzner\n',
  };
  await withServer(routes, async (server, root) => {
    const plugin = datasourcePlugin({ endpoints: { aws: `${server.url}/aws`, hetzner: `${server.url}/hz` }, opticalDevices: [] });
    const run = await runStage([plugin], step('{providers: [hetzner, aws]}'), root);
    assert.equal(run.errors, []);
    assert.is(await read(root, 'run/config/userdata.yaml'), '#cloud-config\nfrom: hetzner\n');
    assert.is(await read(root, 'run/config/hostname'), 'hz-node', 'only the winner writes metadata');
    assert.is(await read(root, 'run/config/instance_id'), '42');
    assert.not.ok(await exists(join(root, 'run/config/local_ipv4')), 'the loser wrote nothing');
    assert.not.ok(await exists(join(root, 'root/.ssh/authorized_keys')), 'no keys from the loser');
  });
});

test('timeout: a provider that never answers falls through to the next, after the short timeout', async () => {
  const routes: Routes = { '/gcp/instance/hostname': hang, ...awsRoutes('/aws', '#cloud-config\nfrom: aws\n') };
  await withServer(routes, async (server, root) => {
    const plugin = datasourcePlugin({
      endpoints: { gcp: `${server.url}/gcp`, aws: `${server.url}/aws` },
      timeoutMs: 400,
      opticalDevices: [],
    });
    const run = await runStage([plugin], step('{providers: [gcp, aws]}'), root);
    assert.equal(run.errors, []);
    assert.is(await read(root, 'run/config/userdata.yaml'), '#cloud-config\nfrom: aws\n');
    assert.ok(run.ms >= 350, `waited for the timeout (${run.ms} ms)`);
    assert.ok(run.ms < 3000, `but not for long (${run.ms} ms)`);
    assert.ok(server.hits.includes('/gcp/instance/hostname'), 'gcp was asked');
  });
});

test('gcp: the Metadata-Flavor header is sent, project keys lose their user part', async () => {
  const needsFlavor = (body: string) => (req: IncomingMessage, res: ServerResponse) => {
    if (req.headers['metadata-flavor'] !== 'Google') res.writeHead(403).end('missing header');
    else res.writeHead(200).end(body);
  };
  const routes: Routes = {
    '/gcp/instance/hostname': needsFlavor('gcp-node.internal'),
    '/gcp/project/attributes/ssh-keys': needsFlavor(`alice:${GCP_KEY}\nnot-a-key-line\n`),
    '/gcp/instance/attributes/user-data': needsFlavor('stages:\n  boot:\n    - commands: [true]\n'),
  };
  await withServer(routes, async (server, root) => {
    const plugin = datasourcePlugin({ endpoints: { gcp: `${server.url}/gcp` }, opticalDevices: [] });
    const run = await runStage([plugin], step('{providers: [gcp], path: /oem/95_userdata, userdata_name: ud.yaml}'), root);
    assert.equal(run.errors, []);
    assert.is(await read(root, 'oem/95_userdata/ud.yaml'), 'stages:\n  boot:\n    - commands: [true]\n');
    assert.ok(await exists(join(root, 'oem/95_userdata/userdata')));
    assert.not.ok(await exists(join(root, 'run/config/userdata.yaml')), 'user data only under path');
    assert.is(await read(root, 'run/config/hostname'), 'gcp-node.internal', 'metadata stays in /run/config, as yip');
    assert.is(await read(root, 'run/config/ssh/authorized_keys'), `${GCP_KEY}\n`);
  });
});

test('no provider has user data: the step fails as in yip, or warns when asked', async () => {
  const routes: Routes = { '/v/': 'index', '/v/hostname': 'vultr-node', '/v/instanceid': 'v-1', '/v/public-keys': `${AWS_KEY}\n` };
  await withServer(routes, async (server, root) => {
    const options: DatasourceOptions = {
      endpoints: { vultr: `${server.url}/v`, aws: 'http://127.0.0.1:9/' },
      timeoutMs: 500,
      opticalDevices: [],
    };
    const run = await runStage([datasourcePlugin(options)], step('{providers: [aws, vultr, nosuchcloud]}'), root);
    assert.equal(run.statuses, ['failed']);
    assert.match(run.errors.join('\n'), /no metadata\/userdata found/);
    assert.ok(run.logs.some((l) => l.level === 'warning' && /unknown provider `nosuchcloud`/.test(l.message)));
    assert.is(await read(root, 'run/config/hostname'), 'vultr-node', 'metadata of a provider without user data is still kept');
    assert.is(await read(root, 'run/config/instance_id'), 'v-1');
    assert.not.ok(await exists(join(root, 'run/config/userdata.yaml')));

    const soft = await runStage([datasourcePlugin({ ...options, noDataIsError: false })], step('{providers: [aws]}'), root);
    assert.equal(soft.statuses, ['ok']);
    assert.ok(soft.logs.some((l) => l.level === 'warning' && /no metadata\/userdata found/.test(l.message)));
  });
});

test('a user data script is kept 0744 and run inside the root', async () => {
  await withServer(awsRoutes('/aws', '#!/bin/sh\necho ran-in-root > /tmp/datasource-ran\n'), async (server, root) => {
    const plugin = datasourcePlugin({ endpoints: { aws: `${server.url}/aws` }, opticalDevices: [] });
    const run = await runStage([plugin], step('{providers: [aws]}'), root);
    assert.equal(run.errors, []);
    assert.is(await modeOf(root, 'run/config/userdata'), 0o744);
    assert.not.ok(await exists(join(root, 'run/config/userdata.yaml')));
    assert.is(await read(root, 'tmp/datasource-ran'), 'ran-in-root\n');
    assert.not.ok(await exists('/tmp/datasource-ran'), 'not run on the host');
  });
});

test('packet and digitalocean: their own formats', async () => {
  const routes: Routes = {
    '/eq/metadata': JSON.stringify({ hostname: 'eq-node', ssh_keys: [AWS_KEY] }),
    '/eq/userdata': '#!ipxe\nchain http://x/\n',
    '/do/': 'index',
    '/do/hostname': 'do-node',
    '/do/region': 'ams3',
    '/do/user-data': '#cloud-config\nfrom: do\n',
  };
  await withServer(routes, async (server, root) => {
    const plugin = datasourcePlugin({ endpoints: { packet: `${server.url}/eq`, digitalocean: `${server.url}/do` }, opticalDevices: [] });
    const run = await runStage([plugin], step('{providers: [packet, digitalocean]}'), root);
    assert.equal(run.errors, []);
    assert.is(await read(root, 'run/config/userdata.yaml'), '#cloud-config\nfrom: do\n', 'iPXE user data is not user data');
    assert.is(await read(root, 'run/config/region'), 'ams3');
  });
});

test('file: the step path is the source, the output goes to /run/config', async () => {
  const server = await startHttpServer({});
  await server.close();
  const root = await busyboxRoot();
  try {
    const { writeFile, mkdir } = await import('node:fs/promises');
    await mkdir(join(root.path, 'oem'), { recursive: true });
    await writeFile(join(root.path, 'oem/seed.yaml'), '#cloud-config\nfrom: file\n');
    const run = await runStage([datasourcePlugin({ opticalDevices: [] })], step('{providers: [file], path: /oem/seed.yaml}'), root.path);
    assert.equal(run.errors, []);
    assert.is(await read(root.path, 'run/config/userdata.yaml'), '#cloud-config\nfrom: file\n');
    assert.is(await read(root.path, 'oem/seed.yaml'), '#cloud-config\nfrom: file\n', 'the source is left alone');
  } finally {
    await root.cleanup();
  }
});

test('scaleway: conf lines, and user data only to a privileged source port', async () => {
  const conf = [
    'HOSTNAME=scw-node',
    'ID=abc-123',
    'LOCATION_ZONE_ID=par1',
    'PRIVATE_IP=10.1.2.3',
    'SSH_PUBLIC_KEYS=1',
    `SSH_PUBLIC_KEYS_0_KEY='${AWS_KEY}'`,
    '',
  ].join('\n');
  const ports: number[] = [];
  const routes: Routes = {
    '/scw/conf': conf,
    '/scw/user_data/cloud-init': (req, res) => {
      ports.push(req.socket.remotePort ?? 0);
      if ((req.socket.remotePort ?? 65535) >= 1024) res.writeHead(403).end('privileged port required');
      else res.writeHead(200).end('#cloud-config\nfrom: scaleway\n');
    },
  };
  await withServer(routes, async (server, root) => {
    const plugin = datasourcePlugin({ endpoints: { scaleway: `${server.url}/scw` }, opticalDevices: [] });
    const run = await runStage([plugin], step('{providers: [scaleway]}'), root);
    assert.equal(run.errors, []);
    assert.ok(ports.length > 0 && ports.every((p) => p < 1024), `source ports ${ports.join(',')}`);
    assert.is(await read(root, 'run/config/userdata.yaml'), '#cloud-config\nfrom: scaleway\n');
    assert.is(await read(root, 'run/config/hostname'), 'scw-node');
    assert.is(await read(root, 'run/config/instance_location'), 'par1');
    assert.is(await read(root, 'run/config/ssh/authorized_keys'), `${AWS_KEY}\n`);
  });
});

test.run();
