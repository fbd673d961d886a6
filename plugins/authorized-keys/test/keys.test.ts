// authorized_keys against a real (busybox) root and a loopback HTTP server standing in for
// GitHub, GitLab and any key URL, including one that answers 404 and one that never answers.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { appendFile, lstat, mkdir, mkdtemp, readFile, readlink, rm, stat, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createExecutor } from '@yipts/core';
import type { Logger, StepResult } from '@yipts/core';
import authorizedKeysPlugin from '../src/index.js';
import { keySource } from '../src/key-source.js';
import type { AuthorizedKeysOptions } from '../src/index.js';
import { busyboxRoot, startHttpServer } from '@yipts/test-fixtures';
import type { TempRoot, TestHttpServer } from '@yipts/test-fixtures';

const KEY_A = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAliceAliceAliceAliceAliceAliceAliceAlice';
const KEY_B = 'ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQCaliceSecondKeyaliceSecondKeyaliceSecondKey';
const KEY_C = 'ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBbob';
const KEY_D = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFromAPlainURLFromAPlainURLFromAPlainURL';
const KEY_E = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAILiteralLiteralLiteralLiteralLiteralLit laptop';

let server: TestHttpServer;
let root: TempRoot;
let options: AuthorizedKeysOptions;
const stalled: { end(): void }[] = [];

test.before(async () => {
  server = await startHttpServer({
    '/alice.keys': `${KEY_A}\n${KEY_B}\n`,
    '/gitlab/bob.keys': `${KEY_C}\n`,
    '/plain/key.pub': `${KEY_D} from-url\n`,
    '/empty.keys': '\n',
    '/slow.keys': (_req, res) => {
      res.writeHead(200);
      res.write('ssh-ed25519 AAAA'); // starts, then never finishes: only the timeout ends it
      stalled.push(res);
    },
  });
  options = { githubUrl: server.url, gitlabUrl: `${server.url}/gitlab/`, fetchTimeoutMs: 700 };
});
test.after(async () => {
  for (const r of stalled) r.end();
  await server?.close();
});
test.before.each(async () => {
  root = await busyboxRoot();
  await appendFile(
    join(root.path, 'etc/passwd'),
    'dev:x:1500:1600:Developer:/home/dev:/bin/sh\nnohome:x:1501:1501::/home/nohome:/bin/sh\n',
  );
  await mkdir(join(root.path, 'home/dev'), { recursive: true });
});
test.after.each(async () => {
  await root?.cleanup();
});

async function runKeys(yamlKeys: string, opts = options): Promise<{ step: StepResult; errors: string[]; logs: string[] }> {
  const logs: string[] = [];
  const logger: Logger = { log: (level, message) => void logs.push(`${level}: ${message}`) };
  const executor = createExecutor({ plugins: [authorizedKeysPlugin(opts)], logger });
  const text = `stages:\n  network:\n  - name: keys\n    authorized_keys:\n${yamlKeys.replace(/^/gm, '      ')}\n`;
  const result = await executor.runStage('network', [{ kind: 'inline', name: 'keys.yaml', text }], { root: root.path });
  const step = result.stages[0]!.steps[0]!;
  return { step, errors: step.errors.map((e) => e.message), logs };
}

const modeOwner = async (p: string) => {
  const st = await stat(p);
  return `${(st.mode & 0o777).toString(8)} ${st.uid}:${st.gid}`;
};

test('github:, gitlab:, a URL and a literal key are written; a 404 and a timeout are clear errors', async () => {
  const t0 = performance.now();
  const { step, errors } = await runKeys(
    `dev:\n- github:alice\n- gitlab:bob\n- ${server.url}/plain/key.pub\n- "${KEY_E}"\n- github:ghost\n- ${server.url}/slow.keys`,
  );
  assert.ok(performance.now() - t0 < 5000, 'the stalled server did not hold the step beyond the timeout');
  assert.is(step.status, 'failed');
  assert.is(errors.length, 2, errors.join('\n'));
  assert.match(errors[0]!, /authorized_keys of dev: fetching keys of github:ghost \(http:\/\/127\.0\.0\.1:\d+\/ghost\.keys\): HTTP 404/);
  assert.match(errors[1]!, /authorized_keys of dev: fetching keys of http:\/\/127\.0\.0\.1:\d+\/slow\.keys: timed out after 700 ms/);
  const file = join(root.path, 'home/dev/.ssh/authorized_keys');
  assert.is(await readFile(file, 'utf8'), `${KEY_A}\n${KEY_B}\n${KEY_C}\n${KEY_D} from-url\n${KEY_E}\n`);
  assert.is(await modeOwner(join(root.path, 'home/dev/.ssh')), '700 1500:1600');
  assert.is(await modeOwner(file), '600 1500:1600');
  assert.ok(server.hits.includes('/alice.keys') && server.hits.includes('/gitlab/bob.keys'));
});

test('keys already there are not added twice, even with another comment; other content is kept', async () => {
  await runKeys(`root:\n- "${KEY_E}"`);
  const file = join(root.path, 'root/.ssh/authorized_keys');
  await appendFile(file, '# my own note\n');
  const { errors, logs } = await runKeys(`root:\n- "${KEY_E.replace('laptop', 'other-comment')}"\n- github:alice\n- github:alice`);
  assert.equal(errors, []);
  assert.is(await readFile(file, 'utf8'), `${KEY_E}\n# my own note\n${KEY_A}\n${KEY_B}\n`);
  assert.ok(logs.some((l) => l.includes('2 key(s) added to /root/.ssh/authorized_keys of root')));
  const again = await runKeys(`root:\n- github:alice`);
  assert.equal(again.errors, []);
  assert.is((await readFile(file, 'utf8')).split('\n').filter((l) => l.startsWith('ssh-')).length, 3);
  assert.is(await modeOwner(file), '600 0:0');
});

test('an unknown user or a missing home is an error naming the user; other users still get their keys', async () => {
  const { errors } = await runKeys(`ghost:\n- "${KEY_E}"\nnohome:\n- "${KEY_E}"\nroot:\n- "${KEY_A}"`);
  assert.is(errors.length, 2, errors.join('\n'));
  assert.match(errors[0]!, /user `ghost` does not exist in \/etc\/passwd in /);
  assert.match(errors[1]!, /authorized_keys of nohome: home directory \/home\/nohome does not exist/);
  assert.is(await readFile(join(root.path, 'root/.ssh/authorized_keys'), 'utf8'), `${KEY_A}\n`);
});

test('a key list without keys is an error; a refused connection says so', async () => {
  const closed = await startHttpServer({});
  await closed.close(); // a port that was just free and now has nobody listening
  const { errors } = await runKeys(`root:\n- ${server.url}/empty.keys\n- ${closed.url}/nothing-listens-here`);
  assert.is(errors.length, 2);
  assert.match(errors[0]!, /empty\.keys published no keys/);
  assert.match(errors[1]!, /ECONNREFUSED/);
});

test('~/.ssh as a link is refused: nothing is written or chowned through it', async () => {
  const outside = await mkdtemp(join(tmpdir(), 'yipts-keys-outside-'));
  try {
    await symlink(outside, join(root.path, 'home/dev/.ssh'));
    const { errors } = await runKeys(`dev:\n- "${KEY_A}"`);
    assert.is(errors.length, 1);
    assert.match(errors[0]!, /\/home\/dev\/\.ssh is a symbolic link/);
    assert.is((await lstat(join(root.path, 'home/dev/.ssh'))).isSymbolicLink(), true);
    assert.is(await readlink(join(root.path, 'home/dev/.ssh')), outside);
    assert.is(await modeOwner(outside), '700 0:0');
  } finally {
    await rm(outside, { recursive: true, force: true });
  }
});

test('key sources', () => {
  assert.equal(keySource(' github:alice ', { githubUrl: 'http://h/' }), {
    kind: 'remote',
    url: 'http://h/alice.keys',
    label: 'github:alice',
  });
  assert.equal(keySource('gitlab:bob', {}), { kind: 'remote', url: 'https://gitlab.com/bob.keys', label: 'gitlab:bob' });
  assert.equal(keySource('https://example.invalid/k.pub', {}).kind, 'remote');
  assert.equal(keySource(KEY_E, {}), { kind: 'literal', text: KEY_E });
  assert.throws(() => keySource('github:', {}), /does not name a github account/);
  assert.throws(() => keySource('gitlab:a/../b', {}), /does not name a gitlab account/);
});

test.run();
