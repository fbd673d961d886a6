import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { goArch } from '../src/go-arch.js';

test("Node's architecture names become Go's, unknown ones pass through", () => {
  assert.equal(
    ['x64', 'arm64', 'ia32', 'ppc64', 'riscv64', 'mips'].map((a) => goArch(a)),
    ['amd64', 'arm64', '386', 'ppc64le', 'riscv64', 'mips'],
  );
  assert.is(goArch(), goArch(process.arch));
});

test.run();
