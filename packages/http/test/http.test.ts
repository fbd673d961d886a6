/** GETs against a loopback server: credentials, redirects, limits, retries, errors. */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { rejectionOf, startHttpServer } from '@yipts/test-fixtures';
import type { TestHttpServer } from '@yipts/test-fixtures';
import { type HttpError, HttpStatusError, httpGet, httpRequest } from '../src/index.js';

const s = suite('http');

function withCredentials(server: TestHttpServer, path: string, user = 'user', password = 'S3cret'): string {
  return server.url.replace('http://', `http://${user}:${password}@`) + path;
}

s('credentials of the URL are sent as basic authentication and never appear in errors', async () => {
  const server = await startHttpServer({ '/keys': 'ssh-ed25519 AAAA\n' }, { basicAuth: { username: 'user', password: 'S3cret' } });
  try {
    const ok = await httpGet(withCredentials(server, '/keys'));
    assert.is(ok.body.toString(), 'ssh-ed25519 AAAA\n');
    assert.is(server.authorizations[0], `Basic ${Buffer.from('user:S3cret').toString('base64')}`);
    assert.is(ok.url.password, '');
    // Percent-encoded user info is decoded before encoding, as Go does.
    const encoded = await rejectionOf(httpGet(withCredentials(server, '/keys', 'user', 'S3cr%65t%21')));
    assert.is(server.authorizations[1], `Basic ${Buffer.from('user:S3cret!').toString('base64')}`);
    assert.instance(encoded, HttpStatusError);
    const bad = await rejectionOf(httpGet(withCredentials(server, '/keys', 'user', 'wrong')));
    assert.instance(bad, HttpStatusError);
    assert.is((bad as HttpError).status, 401);
    assert.ok(bad.message.includes('user:***@127.0.0.1'), bad.message);
    assert.not.ok(bad.message.includes('wrong'), bad.message);
  } finally {
    await server.close();
  }
});

s('redirects are followed; authorization is dropped when the origin changes', async () => {
  const other = await startHttpServer({ '/there': 'moved\n' });
  const server = await startHttpServer({
    '/here': (_req, res) => void res.writeHead(302, { location: '/same' }).end(),
    '/same': (_req, res) => void res.writeHead(301, { location: `${other.url}/there` }).end(),
  });
  try {
    const result = await httpGet(withCredentials(server, '/here'));
    assert.is(result.body.toString(), 'moved\n');
    assert.is(result.url.href, `${other.url}/there`);
    assert.ok(server.authorizations.every((a) => a?.startsWith('Basic ')));
    assert.equal(other.authorizations, [undefined]);
  } finally {
    await Promise.all([server.close(), other.close()]);
  }
});

s('a body past the size cap is refused', async () => {
  const server = await startHttpServer({ '/big': Buffer.alloc(100_000, 120) });
  try {
    const error = await rejectionOf(httpGet(`${server.url}/big`, { maxBytes: 1000 }));
    assert.match(error.message, /answer larger than 1000 bytes/);
    assert.is((error as HttpError).retryable, false);
    assert.is((await httpGet(`${server.url}/big`, { maxBytes: 100_000 })).body.length, 100_000);
  } finally {
    await server.close();
  }
});

s('a silent server fails the exchange after the idle limit, the whole limit bounds a slow body', async () => {
  const server = await startHttpServer({
    '/silent': () => new Promise<void>(() => {}),
    '/slow': (_req, res) => {
      res.writeHead(200);
      const timer = setInterval(() => res.write('x'), 20);
      res.on('close', () => clearInterval(timer));
    },
  });
  try {
    let started = Date.now();
    const idle = await rejectionOf(httpGet(`${server.url}/silent`, { idleTimeoutMs: 150 }));
    assert.match(idle.message, /no data for 150 ms/);
    assert.ok(Date.now() - started < 2000);
    started = Date.now();
    const total = await rejectionOf(httpGet(`${server.url}/slow`, { timeoutMs: 300, idleTimeoutMs: 1000 }));
    assert.match(total.message, /timed out after 300 ms/);
    assert.ok((total as HttpError).retryable);
    assert.ok(Date.now() - started < 2000);
  } finally {
    await server.close();
  }
});

s('retries with backoff on 5xx when asked, not on 4xx', async () => {
  let calls = 0;
  const server = await startHttpServer({
    '/flaky': (_req, res) => void (++calls < 3 ? res.writeHead(503).end() : res.writeHead(200).end('ok')),
    '/missing': (_req, res) => void res.writeHead(404).end(),
  });
  try {
    const waits: number[] = [];
    const result = await httpGet(`${server.url}/flaky`, { retries: 3, backoffMs: 10, onRetry: (_e, _n, wait) => waits.push(wait) });
    assert.is(result.body.toString(), 'ok');
    assert.equal(waits, [10, 20]);
    const before = server.hits.length;
    const error = await rejectionOf(httpGet(`${server.url}/missing`, { retries: 3, backoffMs: 10 }));
    assert.is((error as HttpError).status, 404);
    assert.is(server.hits.length, before + 1);
    calls = -10;
    const spent = await rejectionOf(httpGet(`${server.url}/flaky`, { retries: 1, backoffMs: 10 }));
    assert.match(spent.message, /HTTP 503.*\(attempt 2 of 2\)/);
  } finally {
    await server.close();
  }
});

s('the signal interrupts a request at once; a refused connection names its code', async () => {
  const server = await startHttpServer({ '/silent': () => new Promise<void>(() => {}) });
  const url = server.url;
  try {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const started = Date.now();
    const error = await rejectionOf(httpRequest(`${url}/silent`, { signal: controller.signal }));
    assert.match(error.message, /interrupted/);
    assert.ok(Date.now() - started < 1000);
  } finally {
    await server.close();
  }
  const refused = await rejectionOf(httpGet(`${url.replace('http://', 'http://u:pw@')}/x`));
  assert.match(refused.message, /ECONNREFUSED/);
  assert.not.ok(refused.message.includes(':pw@'), refused.message);
  assert.ok((refused as HttpError).retryable);
});

s.run();
