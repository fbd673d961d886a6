// SHA-512 crypt against the published test vectors of the algorithm's description, and against
// the host's own implementations (openssl passwd, mkpasswd) for random salts.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { hashPassword, randomSalt, sha512Crypt, verifySha512 } from '../../src/index.js';
import { ensureDebianPackages, run } from '@yipts/test-fixtures';

const VECTORS: [string, string, string][] = [
  ['$6$saltstring', 'Hello world!', '$6$saltstring$svn8UoSVapNtMuq1ukKS4tPQd8iKwSMHWjl/O817G3uBnIFNjnQJuesI68u4OTLiBFdcbYEdFCoEOfaS35inz1'],
  [
    '$6$rounds=10000$saltstringsaltstring',
    'Hello world!',
    '$6$rounds=10000$saltstringsaltst$OW1/O6BYHV6BcXZu8QVeXbDWra3Oeqh0sbHbbMCVNSnCM/UrjmM0Dp8vOuZeHBy/YTBmSK6H9qs/y3RnOaw5v.',
  ],
  [
    '$6$rounds=5000$toolongsaltstring',
    'This is just a test',
    '$6$rounds=5000$toolongsaltstrin$lQ8jolhgVRVhY4b5pZKaysCLi0QBxGoNeKQzQ3glMhwllF7oGDZxUhx1yxdYcz/e1JSbq3y6JMxxl8audkUEm0',
  ],
  [
    '$6$rounds=1400$anotherlongsaltstring',
    'a very much longer text to encrypt.  This one even stretches over morethan one line.',
    '$6$rounds=1400$anotherlongsalts$POfYwTEok97VWcjxIiSOjiykti.o/pQs.wPvMxQ6Fm7I6IoYN3CmLs66x9t0oSwbtEW7o7UmJEiDwGqd8p4ur1',
  ],
  [
    '$6$rounds=77777$short',
    'we have a short salt string but not a short password',
    '$6$rounds=77777$short$WuQyW2YR.hBNpjjRhpYD/ifIw05xdfeEyQoMxIXbkvr0gge1a1x3yRULJ5CCaUeOxFmtlcGZelFl5CxtgfiAc0',
  ],
  [
    '$6$rounds=123456$asaltof16chars..',
    'a short string',
    '$6$rounds=123456$asaltof16chars..$BtCwjqMJGx5hrJhZywWvt0RLE8uZ4oPwcelCjmw2kSYu.Ec6ycULevoBK25fs2xXgMNrCzIMVcgEJAstJeonj1',
  ],
  [
    '$6$rounds=10$roundstoolow',
    'the minimum number is still observed',
    '$6$rounds=1000$roundstoolow$kUMsbe306n21p9R.FRkW3IGn.S9NPN0x50YhH1xhLsPuWGsUSklZt58jaTfF4ZEQpyUNGc0dqbpBYYBaHHrsX.',
  ],
];

test('the published test vectors', () => {
  for (const [setting, password, expected] of VECTORS) assert.is(sha512Crypt(password, setting), expected, setting);
});

test('random salts agree with openssl passwd -6, including long and non-ASCII passwords', async () => {
  for (const password of ['kairos', 'p@ss:word with spaces', 'héllo wörld ✓', 'x'.repeat(200)]) {
    const salt = randomSalt();
    const ours = sha512Crypt(password, `$6$${salt}`);
    const theirs = (await run('openssl', ['passwd', '-6', '-salt', salt, password])).stdout.trim();
    assert.is(ours, theirs, JSON.stringify(password));
  }
});

test('custom rounds, the empty password and lengths of whole digests agree with mkpasswd', async () => {
  await ensureDebianPackages(['whois']);
  const cases: [string, number][] = [
    ['secret', 2000],
    ['', 5000],
    ['a'.repeat(64), 5000],
    ['ü'.repeat(32), 1000],
    ['b'.repeat(128), 5000],
  ];
  for (const [password, rounds] of cases) {
    const salt = randomSalt();
    const theirs = (await run('mkpasswd', ['-m', 'sha-512', '-R', String(rounds), '-S', salt, '-s'], { input: password })).stdout.trim();
    assert.is(sha512Crypt(password, `$6$rounds=${rounds}$${salt}`), theirs, `${Buffer.byteLength(password)} bytes, ${rounds} rounds`);
  }
});

test('passwords of 64 and 128 bytes (where a hash-length boundary is easy to get wrong) agree with openssl', async () => {
  for (const password of ['x'.repeat(63), 'x'.repeat(64), 'x'.repeat(65), 'é'.repeat(32), 'x'.repeat(128)]) {
    const salt = randomSalt();
    const theirs = (await run('openssl', ['passwd', '-6', '-salt', salt, '-stdin'], { input: password })).stdout.trim();
    assert.is(sha512Crypt(password, `$6$${salt}`), theirs, `${Buffer.byteLength(password)} bytes`);
  }
});

test('hashPassword makes a fresh 16-character salt each time, and verifySha512 checks it', () => {
  const a = hashPassword('secret');
  const b = hashPassword('secret');
  assert.match(a, /^\$6\$[./0-9A-Za-z]{16}\$[./0-9A-Za-z]{86}$/);
  assert.is.not(a, b);
  assert.ok(verifySha512('secret', a));
  assert.not.ok(verifySha512('Secret', a));
  assert.not.ok(verifySha512('secret', '$y$j9T$abc$def'), 'other schemes are not ours to verify');
  assert.not.ok(verifySha512('secret', `!${a}`), 'a locked hash does not verify');
});

test('a setting that is not $6$ is refused', () => {
  assert.throws(() => sha512Crypt('x', '$5$salt'), /must start with \$6\$/);
});

test.run();
