// The plugins on the host itself (root `/`), as on a booted machine. The run happens in a
// private mount namespace where a copy of /etc and empty /home and /root are bound over the
// real ones, so it uses the host's real tools and layout while the host's files stay untouched.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run, safeRemove } from '@yipts/test-fixtures';

const HOST_FILES = ['/etc/passwd', '/etc/group', '/etc/shadow', '/etc/gshadow'];
const digest = async () =>
  Promise.all(
    HOST_FILES.map(async (f) =>
      createHash('sha256')
        .update(await readFile(f).catch(() => Buffer.alloc(0)))
        .digest('hex'),
    ),
  );

const SCRIPT = String.raw`
set -e
mount --bind "$1/etc" /etc
mount --bind "$1/home" /home
mount --bind "$1/root" /root
exec "$2" --import tsx "$3"
`;

test('users, ensure_entities and authorized_keys work with root `/`; the real host files are untouched', async () => {
  const scratch = await mkdtemp(join(tmpdir(), 'yipts-users-host-'));
  const before = await digest();
  try {
    await run('cp', ['-a', '/etc', join(scratch, 'etc')]);
    await mkdir(join(scratch, 'home'));
    await mkdir(join(scratch, 'root'), { mode: 0o700 });
    const child = join(import.meta.dirname, 'host-child.ts');
    const r = await run('unshare', ['-m', '--propagation', 'private', 'sh', '-c', SCRIPT, 'host-test', scratch, process.execPath, child], {
      cwd: join(import.meta.dirname, '..'),
    });
    const seen = JSON.parse(r.stdout) as Record<string, string | string[]>;
    assert.equal(seen.errors, []);
    assert.match(seen.id as string, /^uid=(\d+)\(yipts-hosttest\) gid=\1\(yipts-hosttest\) groups=\1\(yipts-hosttest\),\d+\(audio\)$/);
    assert.is(seen.group, 'yipts-hostgrp:x:4242:');
    assert.is(seen.home, '755 yipts-hosttest');
    assert.is(seen.keys, '600 yipts-hosttest');
    assert.match(seen.rootKeys as string, /HostModeHostMode/);
    assert.match(await readFile(join(scratch, 'etc/passwd'), 'utf8'), /^yipts-hosttest:x:/m, 'the copy bound over /etc was written');
  } finally {
    await safeRemove(scratch);
  }
  assert.equal(await digest(), before, 'the host account files are unchanged');
  assert.not.match(await readFile('/etc/passwd', 'utf8'), 'yipts-hosttest');
});

test.run();
