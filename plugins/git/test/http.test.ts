/**
 * Clones over smart HTTP from a loopback server running the real `git http-backend`: without and
 * with basic auth (the password must work and then be nowhere: not in the clone, not on any
 * command line, not in a credential store), wrong credentials, a 404, a server that never
 * answers (time limit), and https with a self-signed certificate (`insecure`).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import type { AddressInfo, Socket } from 'node:net';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { ensureDebianPackages, run } from '@yipts/test-fixtures';
import gitPlugin from '../src/index.js';
import { startGitHttpServer } from './support/git-http.js';
import type { GitHttpServer } from './support/git-http.js';
import { cloneState, git, makeUpstream } from './support/repo.js';
import type { Upstream } from './support/repo.js';
import { runStage, stage } from './support/run-stage.js';
import { leftovers, makeSandbox } from './support/sandbox.js';
import type { Sandbox } from './support/sandbox.js';
import { filesContaining } from './support/tree.js';

const USER = 'deploy';
const PASSWORD = 'Pa55-w0rd-7f3c9e';

let box: Sandbox;
let upstream: Upstream;
let servers: GitHttpServer[] = [];
const plugins = [gitPlugin()];

test.before(async () => {
  await ensureDebianPackages(['git']);
});

test.before.each(async () => {
  box = await makeSandbox();
  await mkdir(join(box.dir, 'srv'));
  upstream = await makeUpstream(join(box.dir, 'srv'));
  servers = [];
});

test.after.each(async () => {
  for (const s of servers) await s.close();
  await box.cleanup();
});

async function serve(options: Partial<Parameters<typeof startGitHttpServer>[0]> = {}): Promise<GitHttpServer> {
  const server = await startGitHttpServer({ projectRoot: join(box.dir, 'srv'), ...options });
  servers.push(server);
  return server;
}

async function runChecked(...steps: Record<string, unknown>[]) {
  const before = await box.outside();
  const outcome = await runStage(plugins, stage(...steps), box.root);
  assert.equal(await box.outside(), before, 'nothing changed outside the target root');
  assert.equal(await leftovers(box.root), [], 'no staging directory left');
  return outcome;
}

/** Command lines of every process of the machine that contain `needle`. */
async function commandLinesWith(needle: string): Promise<string[]> {
  const found: string[] = [];
  for (const pid of await readdir('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    const cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
    if (cmdline.includes(needle)) found.push(cmdline.replace(/\0/g, ' '));
  }
  return found;
}

test('smart HTTP without auth: cloned, origin is the URL', async () => {
  const server = await serve();
  const url = `${server.url}/repo.git`;
  const out = await runChecked({ git: { url, path: '/opt/repo' } });
  assert.equal(out.errors, []);
  const dest = join(box.root, 'opt/repo');
  assert.equal(await cloneState(dest), { head: await upstream.head('master'), branch: 'master' });
  assert.is((await git(['config', '--get', 'remote.origin.url'], dest)).stdout.trim(), url);
  // The smart protocol, not the dumb one: upload-pack was asked for.
  assert.ok(server.requests.some((r) => r.method === 'POST' && r.path === '/repo.git/git-upload-pack'));
});

test('basic auth: the password is used, then found nowhere (clone, command lines, credential store)', async () => {
  const seen: string[][] = [];
  const server = await serve({
    auth: { username: USER, password: PASSWORD },
    duringRequest: async () => {
      seen.push(await commandLinesWith(PASSWORD));
    },
  });
  const storeBefore = existsSync(join(homedir(), '.git-credentials'));
  const step = { git: { url: `${server.url}/repo.git`, path: '/opt/repo', auth: { username: USER, password: PASSWORD } } };
  const out = await runChecked(step);
  assert.equal(out.errors, []);
  const dest = join(box.root, 'opt/repo');
  assert.is((await cloneState(dest)).head, await upstream.head('master'));
  // git asked without credentials first, got a 401, then sent them.
  assert.ok(server.requests.some((r) => !r.accepted && r.user === undefined));
  assert.ok(server.requests.some((r) => r.accepted && r.user === USER));
  assert.ok(seen.length > 0, 'authenticated requests were served while git ran');
  assert.equal(seen.flat(), [], 'the password is on no command line');
  assert.equal(await filesContaining(dest, PASSWORD), []);
  assert.not.match(await readFile(join(dest, '.git/config'), 'utf8'), /Pa55|password|credential/);
  assert.is(existsSync(join(homedir(), '.git-credentials')), storeBefore);

  // The update authenticates the same way.
  const moved = await upstream.commit('master', { README: 'v2\n' });
  const again = await runChecked(step);
  assert.equal(again.errors, []);
  assert.is((await cloneState(dest)).head, moved);
  assert.equal(seen.flat(), []);
});

test('credentials written into the URL: used, and the password is dropped from origin and messages', async () => {
  const server = await serve({ auth: { username: USER, password: PASSWORD } });
  const bare = server.url.replace('http://', '');
  const out = await runChecked({ git: { url: `http://${USER}:${PASSWORD}@${bare}/repo.git`, path: '/opt/repo' } });
  assert.equal(out.errors, []);
  const dest = join(box.root, 'opt/repo');
  assert.is((await git(['config', '--get', 'remote.origin.url'], dest)).stdout.trim(), `http://${USER}@${bare}/repo.git`);
  assert.equal(await filesContaining(dest, PASSWORD), []);
  assert.not.ok(out.logs.some((l) => l.message.includes(PASSWORD)));
});

test('a wrong password, or none: a clear error without the password; nothing created; the next step runs', async () => {
  const server = await serve({ auth: { username: USER, password: PASSWORD } });
  const url = `${server.url}/repo.git`;
  const started = Date.now();
  const out = await runChecked(
    { name: 'wrong', git: { url, path: '/opt/a', auth: { username: USER, password: 'not-the-password' } } },
    { name: 'none', git: { url, path: '/opt/b' } },
    { name: 'right', git: { url, path: '/opt/c', auth: { username: USER, password: PASSWORD } } },
  );
  assert.ok(Date.now() - started < 30_000, 'no prompt was waited for');
  assert.equal(
    out.steps.map((s) => s.status),
    ['failed', 'failed', 'ok'],
  );
  const [wrong, none] = out.steps.map((s) => s.errors.map((e) => e.message).join('\n'));
  assert.match(wrong!, /git http:\/\/127\.0\.0\.1:\d+\/repo\.git into \/opt\/a: `git clone -- \S+ \S+` exited with status 128/);
  assert.match(wrong!, /Authentication failed/);
  assert.not.match(wrong!, /not-the-password/);
  assert.match(none!, /could not read Username[^\n]*terminal prompts disabled/);
  assert.is(out.steps[0]!.errors[0]!.stepId, out.steps[0]!.id);
  assert.not.ok(existsSync(join(box.root, 'opt/a')));
  assert.not.ok(existsSync(join(box.root, 'opt/b')));
  assert.ok(existsSync(join(box.root, 'opt/c/README')));
});

test('a repository the server does not have (404): clear error, the next step runs', async () => {
  const server = await serve();
  const out = await runChecked(
    { name: 'missing', git: { url: `${server.url}/nope.git`, path: '/opt/a' } },
    { name: 'fine', git: { url: `${server.url}/repo.git`, path: '/opt/b' } },
  );
  assert.equal(
    out.steps.map((s) => s.status),
    ['failed', 'ok'],
  );
  assert.match(out.errors[0]!, /git http:\/\/127\.0\.0\.1:\d+\/nope\.git into \/opt\/a: .*exited with status 128/);
  assert.match(out.errors[0]!, /repository 'http:\/\/127\.0\.0\.1:\d+\/nope\.git\/' not found/);
  assert.not.ok(existsSync(join(box.root, 'opt/a')));
});

test('a server that never answers: stopped at the time limit, nothing left', async () => {
  const sockets: Socket[] = [];
  const silent = createServer((socket) => {
    sockets.push(socket);
  });
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  const { port } = silent.address() as AddressInfo;
  try {
    const started = Date.now();
    const out = await runStage(
      [gitPlugin({ timeoutMs: 1500 })],
      stage({ git: { url: `http://127.0.0.1:${port}/repo.git`, path: '/opt/repo' } }),
      box.root,
    );
    const took = Date.now() - started;
    assert.ok(took >= 1400 && took < 10_000, `stopped near the limit (${took} ms)`);
    assert.is(out.errors.length, 1);
    assert.match(out.errors[0]!, /`git clone -- \S+ \S+` timed out \(the limit for the whole `git` key is 1500 ms\)/);
    assert.equal(await leftovers(box.root), []);
    assert.not.ok(existsSync(join(box.root, 'opt')));
  } finally {
    for (const s of sockets) s.destroy();
    silent.close();
  }
});

test('https with a self-signed certificate: refused, unless `insecure`, which is not kept in the clone', async () => {
  const key = join(box.dir, 'key.pem');
  const cert = join(box.dir, 'cert.pem');
  await run('openssl', [
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    key,
    '-out',
    cert,
    '-days',
    '2',
    '-subj',
    '/CN=127.0.0.1',
    '-addext',
    'subjectAltName=IP:127.0.0.1',
  ]);
  const server = await serve({ tls: { key: await readFile(key, 'utf8'), cert: await readFile(cert, 'utf8') } });
  const url = `${server.url}/repo.git`;
  const out = await runChecked(
    { name: 'checked', git: { url, path: '/opt/a' } },
    { name: 'insecure', git: { url, path: '/opt/b', auth: { insecure: true } } },
  );
  assert.equal(
    out.steps.map((s) => s.status),
    ['failed', 'ok'],
  );
  assert.match(out.errors[0]!, /server certificate verification failed/);
  const dest = join(box.root, 'opt/b');
  assert.is((await cloneState(dest)).head, await upstream.head('master'));
  assert.not.match(await readFile(join(dest, '.git/config'), 'utf8'), /sslverify/i);
  // The update needs `insecure` again: it was for those commands only.
  const update = await runChecked({ git: { url, path: '/opt/b' } });
  assert.match(update.errors[0] ?? '', /server certificate verification failed/);
  assert.equal((await runChecked({ git: { url, path: '/opt/b', auth: { insecure: true } } })).errors, []);
});

test.run();
