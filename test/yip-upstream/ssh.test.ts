// yip's ssh key test (pkg/plugins/ssh_test.go), through the real CLI with `--root`; the
// `github:` key comes from a loopback server standing in for GitHub.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { startHttpServer } from '../fixtures/index.js';
import type { TestHttpServer } from '../fixtures/index.js';
import { removeTempDirs, tempDir, writeTree } from '../helpers/tmp.js';
import { runSteps } from './support.js';

const test = suite('yip upstream: authorized_keys');
const GITHUB_KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHlpcHRzLXVwc3RyZWFtLXNzaC10ZXN0LWtleQ someone@github';
let github: TestHttpServer;
test.before(async () => {
  github = await startHttpServer({ '/someone.keys': `${GITHUB_KEY}\n` });
});
test.after(async () => {
  await github?.close();
  removeTempDirs();
});

// ssh_test.go, "configures a user authorized_key"
test('configures a user authorized_key', async () => {
  const root = writeTree(tempDir(), { 'etc/passwd': 'foo:x:1000:100:foo:/home/foo:/bin/zsh', 'home/foo/.keep': '' });
  const config = `pluginOptions:\n  authorized-keys: {githubUrl: "${github.url}"}\n`;
  const r = await runSteps(root, '    - authorized_keys: {foo: ["efafeeafea,t,t,pgl3,pbar", "github:someone"]}\n', { config });
  assert.is(r.code, 0, r.stderr);
  const keys = readFileSync(join(root, 'home/foo/.ssh/authorized_keys'), 'utf8');
  assert.ok(keys.includes(GITHUB_KEY), keys);
  assert.ok(keys.includes('efafeeafea,t,t,pgl3,pbar'), keys);
});

test.run();
