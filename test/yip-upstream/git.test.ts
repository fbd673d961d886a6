// yip's git tests (pkg/plugins/git_test.go), against a local repository (file://, inside the root)
// instead of a public gist, through the real CLI with `--root`.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { removeTempDirs, tempDir, writeTree } from '../helpers/tmp.js';
import { runSteps } from './support.js';

const test = suite('yip upstream: git');
test.after.each(removeTempDirs);

/**
 * A root with an empty /testarea and, at /srv/repo, a repository on branch master holding
 * unittest.txt = "test", as the upstream gist does. file:// URLs are read inside the target root.
 */
function rootWithRepo(): string {
  const root = writeTree(tempDir(), { 'srv/repo/unittest.txt': 'test' });
  mkdirSync(join(root, 'testarea'));
  const identity = ['-c', 'user.name=yipts', '-c', 'user.email=yipts@localhost'];
  const git = (...args: string[]) => execFileSync('git', [...identity, ...args], { cwd: join(root, 'srv/repo') });
  git('init', '-q', '-b', 'master');
  git('add', 'unittest.txt');
  git('commit', '-q', '-m', 'unittest');
  return root;
}

async function clone(root: string, path: string, branch?: string): Promise<void> {
  const r = await runSteps(root, `    - git: {url: "file:///srv/repo", path: ${path}${branch ? `, branch: ${branch}` : ''}}\n`);
  assert.is(r.code, 0, r.stderr);
}

// git_test.go, "clones a public repo in a path that doesn't exist"
test("clones a public repo in a path that doesn't exist", async () => {
  const root = rootWithRepo();
  await clone(root, '/testarea/foo');
  assert.is(readFileSync(join(root, 'testarea/foo/unittest.txt'), 'utf8'), 'test');
});

// git_test.go, "clones a public repo in a path that does exist but is not a git repo"
test('clones a public repo in a path that does exist but is not a git repo', async () => {
  const root = rootWithRepo();
  await clone(root, '/testarea');
  assert.is(readFileSync(join(root, 'testarea/unittest.txt'), 'utf8'), 'test');
});

// git_test.go, "clones a public repo in a path that is already checked out"
test('clones a public repo in a path that is already checked out', async () => {
  const root = rootWithRepo();
  await clone(root, '/testarea');
  writeFileSync(join(root, 'testarea/unittest.txt'), 'foo');
  await clone(root, '/testarea', 'master');
  assert.is(readFileSync(join(root, 'testarea/unittest.txt'), 'utf8'), 'test', 'the checkout is reset to the branch');
});

test.run();
