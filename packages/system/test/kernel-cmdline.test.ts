import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { kernelParameter, parseKernelCmdline, readKernelCmdline } from '../src/kernel-cmdline.js';

test('split as yip reads it: blanks separate, double or single quotes hold blanks and are dropped', () => {
  const params = parseKernelCmdline(
    `BOOT_IMAGE=/vmlinuz  quiet stages.boot[0].commands[0]="echo a  b" "x=y z" stages.leia[0].commands[0]='echo beep >> /l' q="it's" s='say "hi"'\n`,
  );
  assert.equal(params, [
    { key: 'BOOT_IMAGE', value: '/vmlinuz' },
    { key: 'quiet', value: undefined },
    { key: 'stages.boot[0].commands[0]', value: 'echo a  b' },
    { key: 'x', value: 'y z' },
    { key: 'stages.leia[0].commands[0]', value: 'echo beep >> /l' },
    { key: 'q', value: "it's" },
    { key: 's', value: 'say "hi"' },
  ]);
  assert.equal(parseKernelCmdline('  \n'), []);
  assert.equal(parseKernelCmdline('a=b=c'), [{ key: 'a', value: 'b=c' }]);
});

test('the last of the keys asked for wins; a bare flag has no value', () => {
  const params = parseKernelCmdline('rd.cos.oemlabel=OLD elemental.oemlabel="NEW" rd.cos.oemlabel');
  assert.is(kernelParameter(params, 'elemental.oemlabel', 'rd.cos.oemlabel'), 'NEW');
  assert.is(kernelParameter(params, 'root'), undefined);
});

test('read from a file; none for false or a file that cannot be read', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'yipts-cmdline-'));
  try {
    await writeFile(join(dir, 'cmdline'), 'console=tty1 cos.setup=http://x/y\n');
    const params = await readKernelCmdline(join(dir, 'cmdline'));
    assert.equal(params, [
      { key: 'console', value: 'tty1' },
      { key: 'cos.setup', value: 'http://x/y' },
    ]);
    assert.equal(await readKernelCmdline(join(dir, 'missing')), []);
    assert.equal(await readKernelCmdline(false), []);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test.run();
