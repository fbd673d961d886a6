/** How a `git.url` is read, and how `public_key` becomes a known_hosts file. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { knownHostsText } from '../src/auth.js';
import { parseRemote } from '../src/remote.js';

test('http(s): the password leaves the URL, the user name stays', () => {
  assert.equal(parseRemote('https://example.invalid/org/repo.git'), { kind: 'http', url: 'https://example.invalid/org/repo.git' });
  assert.equal(parseRemote('https://bob:s%40cret@example.invalid:8443/r.git'), {
    kind: 'http',
    url: 'https://bob@example.invalid:8443/r.git',
    username: 'bob',
    password: 's@cret',
  });
  assert.equal(parseRemote('http://:token@example.invalid/r.git'), {
    kind: 'http',
    url: 'http://example.invalid/r.git',
    password: 'token',
  });
  // An @ in the path is not user info.
  assert.equal(parseRemote('https://example.invalid/a@b/r.git').url, 'https://example.invalid/a@b/r.git');
});

test('ssh: URL and scp-like forms, with or without a user', () => {
  assert.equal(parseRemote('ssh://git@example.invalid:2222/r.git'), {
    kind: 'ssh',
    url: 'ssh://git@example.invalid:2222/r.git',
    namesUser: true,
  });
  assert.equal(parseRemote('ssh://example.invalid/r.git'), { kind: 'ssh', url: 'ssh://example.invalid/r.git', namesUser: false });
  assert.equal(parseRemote('git@example.invalid:org/r.git'), { kind: 'ssh', url: 'git@example.invalid:org/r.git', namesUser: true });
  assert.equal(parseRemote('example.invalid:r.git'), { kind: 'ssh', url: 'example.invalid:r.git', namesUser: false });
});

test('local: paths and file:// URLs; a colon after a slash is still a path', () => {
  assert.equal(parseRemote('/srv/repo.git'), { kind: 'local', url: '/srv/repo.git', localPath: '/srv/repo.git' });
  assert.equal(parseRemote('./a:b'), { kind: 'local', url: './a:b', localPath: './a:b' });
  assert.equal(parseRemote('file:///srv/my%20repo'), {
    kind: 'local',
    url: 'file:///srv/my%20repo',
    localPath: '/srv/my repo',
    fileUrl: true,
  });
  assert.throws(() => parseRemote('file://server/share'), /a file:\/\/ URL needs an absolute path/);
});

test('other schemes go to git as they are; bad input is refused', () => {
  assert.equal(parseRemote('git://example.invalid/r.git'), { kind: 'other', url: 'git://example.invalid/r.git' });
  assert.throws(() => parseRemote(''), /`url` is empty/);
  assert.throws(() => parseRemote('-uhack'), /must not start with "-"/);
  assert.throws(() => parseRemote('https://x/\nr'), /line break/);
});

test('public_key: bare keys stand for any host, known_hosts lines are kept', () => {
  assert.is(knownHostsText('ssh-ed25519 AAAAC3Nza test\n'), '* ssh-ed25519 AAAAC3Nza test\n');
  assert.is(knownHostsText('# comment\ngitlab.example ecdsa-sha2-nistp256 AAAAE2\n\n'), 'gitlab.example ecdsa-sha2-nistp256 AAAAE2\n');
  assert.throws(() => knownHostsText('# nothing\n'), /holds no key/);
});

test.run();
