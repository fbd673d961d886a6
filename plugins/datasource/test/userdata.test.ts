import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { classify, unwrapMultipart } from '../src/index.js';

test('classify: configs, cloud-configs, scripts and other text', () => {
  assert.is(classify(Buffer.from('#cloud-config\nhostname: a\n')), 'config');
  assert.is(classify(Buffer.from('stages:\n  boot:\n    - commands: [true]\n')), 'config');
  assert.is(classify(Buffer.from('')), 'config');
  assert.is(classify(Buffer.from('#!/bin/sh\necho hi\n')), 'script');
  assert.is(classify(Buffer.from('just words')), 'other');
  assert.is(classify(Buffer.from('- a\n- b\n')), 'other');
  assert.is(classify(Buffer.from('a: [unclosed\n')), 'other');
});

test('unwrapMultipart: the cloud-config part of a VMware multipart answer', () => {
  const body = [
    'Content-Type: multipart/mixed; boundary="MIMEBOUNDARY"',
    'MIME-Version: 1.0',
    '',
    '--MIMEBOUNDARY',
    'Content-Type: text/x-shellscript',
    '',
    'echo no',
    '--MIMEBOUNDARY',
    'Content-Transfer-Encoding: 7bit',
    'Content-Type: text/cloud-config',
    '',
    '#cloud-config',
    'hostname: vm1',
    '--MIMEBOUNDARY--',
    '',
  ].join('\r\n');
  assert.is(unwrapMultipart(Buffer.from(body)).toString(), '#cloud-config\r\nhostname: vm1');
  const plain = Buffer.from('#cloud-config\nhostname: x\n');
  assert.is(unwrapMultipart(plain), plain);
});

test.run();
