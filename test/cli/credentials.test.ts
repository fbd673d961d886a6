/**
 * Credentials written in URLs (`http://user:password@host/…`) — of a SOURCE, a download, an
 * authorized_keys list, a datasource endpoint of the executor configuration — reach the server
 * as basic authentication and never the output: not at any LOGLEVEL, not in either log format,
 * not when the fetch fails.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { startHttpServer } from '../fixtures/http-server.js';
import type { TestHttpServer } from '../fixtures/http-server.js';
import { yip } from '../helpers/cli.js';
import { removeTempDirs, tempDir, writeTree } from '../helpers/tmp.js';

const PASSWORD = 'S3cretPassw0rd';
const KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIG2ulbHCKO2yGvJ2kWjX6bNzg7fxZbVvR+3Vqwz5Gg2t test@credentials';
const LEVELS = ['error', 'warning', 'info', 'debug', 'trace'];

const s = suite('credentials in URLs');
let server: TestHttpServer;

s.before(async () => {
  server = await startHttpServer(
    {
      '/config.yaml': (_req, res) => void res.writeHead(200).end(config(server.url.replace('http://', `http://user:${PASSWORD}@`))),
      '/tool.bin': 'the tool\n',
      '/keys': `${KEY}\n`,
    },
    { basicAuth: { username: 'user', password: PASSWORD } },
  );
});
s.after(async () => {
  await server.close();
  removeTempDirs();
});

function config(base: string): string {
  return `
stages:
  default:
    - name: fetch
      downloads:
        - url: ${base}/tool.bin
          path: /opt/tool.bin
        - url: ${base.replace(PASSWORD, 'Wr0ngPassw0rd')}/tool.bin
          path: /opt/denied.bin
          retries: 0
      authorized_keys:
        root:
          - ${base}/keys
          - ${base.replace(PASSWORD, 'Wr0ngPassw0rd')}/keys
    - name: metadata
      datasource:
        providers: [aws, hetzner]
        path: /run/config
`;
}

/** The executor configuration: datasource endpoints with the right and a wrong password. */
function executorConfig(): string {
  const base = server.url.replace('http://', `http://user:${PASSWORD}@`);
  const endpoints = { aws: `${base}/aws`, hetzner: `${base.replace(PASSWORD, 'Wr0ngPassw0rd')}/hetzner` };
  const file = join(tempDir(), 'exec.json');
  writeFileSync(
    file,
    JSON.stringify({ pluginOptions: { datasource: { endpoints, opticalDevices: [], labels: { cdrom: [], configDrive: [] } } } }),
  );
  return file;
}

/** URLs with credentials each run of the LOGLEVEL test names: 2 sources, 2 downloads, 2 key lists, 2 endpoints. */
const URLS_PER_RUN = 8;

function targetRoot(): string {
  return writeTree(tempDir(), { 'etc/passwd': 'root:x:0:0:root:/root:/bin/sh\n', 'root/.keep': '', 'opt/.keep': '' });
}

s('the source, the download and the key list are fetched with basic authentication', async () => {
  const root = targetRoot();
  const source = `${server.url.replace('http://', `http://user:${PASSWORD}@`)}/config.yaml`;
  const r = await yip(['--root', root, '--config', executorConfig(), source], { env: { LOGLEVEL: 'debug' } });
  assert.is(readFileSync(join(root, 'opt/tool.bin'), 'utf8'), 'the tool\n', r.stderr);
  assert.not.ok(existsSync(join(root, 'opt/denied.bin')));
  assert.ok(readFileSync(join(root, 'root/.ssh/authorized_keys'), 'utf8').includes(KEY));
  assert.is(r.code, 1, 'the entries with a wrong password failed');
  assert.match(r.stderr, /HTTP 401/);
  assert.ok(server.authorizations.includes(`Basic ${Buffer.from(`user:${PASSWORD}`).toString('base64')}`));
  assert.ok(
    server.hits.some((h) => h.startsWith('/aws/')) && server.hits.some((h) => h.startsWith('/hetzner/')),
    'both endpoints were asked',
  );
});

s('no output at any LOGLEVEL or log format holds a password', async () => {
  const source = `${server.url.replace('http://', `http://user:${PASSWORD}@`)}/config.yaml`;
  const missing = `${server.url.replace('http://', `http://user:${PASSWORD}@`)}/missing.yaml`;
  const exec = executorConfig();
  let probes = 0;
  for (const level of LEVELS) {
    for (const format of ['text', 'json']) {
      const r = await yip(['--root', targetRoot(), '--config', exec, '--log-format', format, source, missing], {
        env: { LOGLEVEL: level },
      });
      probes += URLS_PER_RUN;
      const output = r.stdout + r.stderr;
      for (const secret of [PASSWORD, 'Wr0ngPassw0rd']) assert.not.ok(output.includes(secret), `${level}/${format}: ${output}`);
      if (level === 'debug') assert.ok(output.includes('user:***@'), `${level}/${format} names the URLs, redacted: ${output}`);
    }
  }
  const analyzed = await yip(['-a', source]);
  assert.not.ok((analyzed.stdout + analyzed.stderr).includes(PASSWORD), analyzed.stdout);
  console.log(`secrets: ${probes + 1} probes (${LEVELS.length} levels × 2 formats × ${URLS_PER_RUN} URLs, and yip -a), 0 leaks`);
});

s.run();
