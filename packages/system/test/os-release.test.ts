/** /etc/os-release of a target root, parsed as the os-release specification says. */
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseOsRelease, readOsRelease } from '../src/index.js';
import { tempDirs } from './helpers.js';

const tmp = tempDirs();
test.after(tmp.cleanup);

test('quotes are removed and escapes undone; comments and junk lines are skipped', () => {
  const text = `# a comment
NAME="openSUSE Leap Micro"
ID=sl-micro
VERSION_ID='6.0'
PRETTY_NAME="A \\"quoted\\" \\$name with \\\\ and \\\`ticks\\\`"
  INDENTED=yes
not a line
EMPTY=
`;
  assert.equal(parseOsRelease(text), {
    NAME: 'openSUSE Leap Micro',
    ID: 'sl-micro',
    VERSION_ID: '6.0',
    PRETTY_NAME: 'A "quoted" $name with \\ and `ticks`',
    INDENTED: 'yes',
    EMPTY: '',
  });
});

test("the root's /etc/os-release is read, not the host's", async () => {
  const root = await tmp.make('yipts-os-');
  await mkdir(join(root, 'etc'));
  await writeFile(join(root, 'etc/os-release'), 'ID=fedora\nVERSION_ID=40\nPRETTY_NAME="Fedora Linux 40"\n');
  const os = await readOsRelease(root);
  assert.equal([os.ID, os.VERSION_ID, os.PRETTY_NAME], ['fedora', '40', 'Fedora Linux 40']);
});

test('falls back to /usr/lib/os-release; follows the usual relative and absolute links inside the root', async () => {
  const root = await tmp.make('yipts-os-');
  await mkdir(join(root, 'usr/lib'), { recursive: true });
  await writeFile(join(root, 'usr/lib/os-release'), 'ID=alpine\n');
  assert.is((await readOsRelease(root)).ID, 'alpine', 'fallback');
  await mkdir(join(root, 'etc'));
  await symlink('../usr/lib/os-release', join(root, 'etc/os-release'));
  assert.is((await readOsRelease(root)).ID, 'alpine', 'relative link');

  const other = await tmp.make('yipts-os-');
  await mkdir(join(other, 'etc'));
  await mkdir(join(other, 'usr/lib'), { recursive: true });
  await writeFile(join(other, 'usr/lib/os-release'), 'ID=opensuse-tumbleweed\n');
  await symlink('/usr/lib/os-release', join(other, 'etc/os-release'));
  assert.is((await readOsRelease(other)).ID, 'opensuse-tumbleweed', "absolute link means the root's /usr/lib");
});

test('a root without os-release gives an empty record', async () => {
  const root = await tmp.make('yipts-os-');
  assert.equal(await readOsRelease(root), {});
});

test('the host has one', async () => {
  assert.type((await readOsRelease('/')).ID, 'string');
});

test.run();
