// The packages plan with zypper and dnf, the real managers in a Debian root that has both: each
// is asked in its own dry-run mode (`zypper … --dry-run`, `dnf --assumeno`) and the package it
// would install is read from its answer. The metadata they fetch goes to the plan's overlay:
// the root's tree is unchanged and the package is not installed.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { debianRoot, findMountsUnder, inRoot, rpmPackage, rpmRepo } from '../fixtures/index.js';
import type { TempRoot } from '../fixtures/index.js';
import { yip } from '../helpers/cli.js';
import { changedPaths, snapshot } from './tree.js';

const test = suite('plan: packages through zypper and dnf dry runs');
const PKG = 'yipts-rpm-plan';
let root: TempRoot;
let work: string;

const CONFIG = `stages:\n  default:\n    - name: install\n      packages:\n        install: [${PKG}]\n`;

test.before(async () => {
  root = await debianRoot();
  work = join(root.path, '..', `${root.path.split('/').pop()}-rpm`);
  await mkdir(work);
  const rpm = await rpmPackage({ name: PKG, version: '2.0', release: '3', files: { 'etc/yipts/plan.conf': 'x\n' } });
  const repo = await rpmRepo(join(root.path, 'srv/rpm'), [rpm]);
  await writeFile(join(root.path, 'etc/zypp/repos.d/plan.repo'), repo.zypperRepo('/srv/rpm', 'plan'));
  await writeFile(join(root.path, 'etc/yum.repos.d/plan.repo'), repo.dnfRepo('/srv/rpm', 'plan'));
  await writeFile(join(work, 'cfg.yaml'), CONFIG);
});

test.after(async () => {
  await rm(work, { recursive: true, force: true });
  await root?.cleanup();
});

for (const manager of ['zypper', 'dnf'] as const) {
  test(`${manager}: the package it would install; nothing changed`, async () => {
    const executorConfig = join(work, `${manager}.json`);
    await writeFile(executorConfig, JSON.stringify({ pluginOptions: { packages: { manager } } }));
    const before = await snapshot(root.path);
    const args = ['plan', '--format', 'json', '--config', executorConfig, '--root', root.path, join(work, 'cfg.yaml')];
    const res = await yip(args, { timeoutMs: 300_000 });
    assert.is(res.code, 2, res.stdout + res.stderr);
    const plan = JSON.parse(res.stdout) as { stages: { steps: { changes: { kind: string; action?: string; name?: string }[] }[] }[] };
    const packages = plan.stages.flatMap((s) => s.steps.flatMap((st) => st.changes)).filter((c) => c.kind === 'package');
    assert.equal(
      packages.map((c) => [c.action, c.name]),
      [['install', PKG]],
      res.stdout,
    );
    assert.equal(changedPaths(before, await snapshot(root.path)), [], 'the root is as it was');
    assert.equal(await findMountsUnder(root.path), []);
    assert.is.not((await inRoot(root.path, ['rpm', '-q', PKG], { mounts: false, allowFailure: true })).code, 0, 'not installed');
  });
}

test.run();
