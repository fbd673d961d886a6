// Shared by this plugin's tests: running steps through a real executor, reading
// what happened, and the test packages and repositories every manager test uses.
import { copyFile, cp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as assert from 'uvu/assert';
import type { Plugin, RunResult, StepResult, YipStep } from '@yipts/core';
import { runYaml } from '@yipts/testing';
import type { LogRecord } from '@yipts/testing';
import packagesPlugin from '../src/index.js';
import type { PackagesOptions } from '../src/index.js';
import { cached, debianRoot, debPackage, findMountsUnder, inRoot, rpmPackage, rpmRepo, run } from '@yipts/test-fixtures';
import type { TempRoot } from '@yipts/test-fixtures';

export const PKG = 'yipts-pkgtest';
/** A second package, always installed beside the first, so that removing PKG never empties rpm's database. */
export const ANCHOR = 'yipts-pkganchor';
/** Where PKG puts its version, inside the root. */
export const VERSION_FILE = `usr/share/${PKG}/version`;

export interface StepsRun {
  readonly result: RunResult;
  readonly steps: readonly StepResult[];
  readonly logs: readonly LogRecord[];
  step(id: string): StepResult;
  /** Every error message of a step, joined: what a user reads in the log. */
  errors(id: string): string;
}

export interface RunStepsOptions {
  readonly options?: PackagesOptions;
  readonly plugins?: readonly Plugin[];
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/**
 * Runs the steps as stage `test` of a config named `pkg`: step ids are `pkg.<step name>`. The
 * package managers read the caller's environment (proxies, locale) unless a test gives its own.
 */
export async function runSteps(root: string, steps: readonly YipStep[], opts: RunStepsOptions = {}): Promise<StepsRun> {
  const plugins = [packagesPlugin(opts.options), ...(opts.plugins ?? [])];
  const config = { name: 'pkg', stages: { test: steps } };
  const run = await runYaml(config, { plugins, root, stage: 'test', file: 'packages-test', env: opts.env ?? process.env });
  const step = (id: string) => {
    const found = run.steps.find((s) => s.id === id);
    if (!found) throw new Error(`no step ${id}; ran: ${run.steps.map((s) => s.id).join(', ')}`);
    return found;
  };
  return {
    result: run.result,
    steps: run.steps,
    logs: run.logs,
    step,
    errors: (id) =>
      step(id)
        .errors.map((e) => e.message)
        .join('\n'),
  };
}

/** Makes the root's os-release say what a test needs (Debian's is a symlink into /usr/lib). */
export async function setOsRelease(root: string, fields: Readonly<Record<string, string>>): Promise<void> {
  await rm(join(root, 'etc/os-release'), { force: true });
  const text = Object.entries(fields)
    .map(([k, v]) => `${k}="${v}"\n`)
    .join('');
  await writeFile(join(root, 'etc/os-release'), text);
}

function payload(name: string, version: string) {
  return { [`usr/share/${name}/version`]: `${version}\n` };
}

/** The test packages every manager test installs: PKG 1.0 and 2.0, ANCHOR 1.0, as package files of the builder's format. */
async function testPackages(
  build: (opts: { name: string; version: string; files: Record<string, string> }) => Promise<string>,
): Promise<{ v1: string; v2: string; anchor: string }> {
  const [v1, v2, anchor] = await Promise.all([
    build({ name: PKG, version: '1.0', files: payload(PKG, '1.0') }),
    build({ name: PKG, version: '2.0', files: payload(PKG, '2.0') }),
    build({ name: ANCHOR, version: '1.0', files: payload(ANCHOR, '1.0') }),
  ]);
  return { v1, v2, anchor };
}

/** Builds (cached) the test .debs. */
export const testDebs = () => testPackages(debPackage);

/** Builds (cached) the test .rpms. */
export const testRpms = () => testPackages(rpmPackage);

/** PKG's version file inside the root, or undefined when it is not there. */
export async function installedFile(root: string): Promise<string | undefined> {
  return readFile(join(root, VERSION_FILE), 'utf8').catch(() => undefined);
}

/** What dpkg's own database says about a package in the root: its version, or undefined. */
export async function dpkgVersion(root: string, name: string): Promise<string | undefined> {
  const r = await inRoot(root, ['dpkg-query', '-W', '-f=${db:Status-Abbrev} ${Version}', name], { mounts: false, allowFailure: true });
  const m = /^ii\s+(\S+)/.exec(r.stdout);
  return r.code === 0 && m ? m[1] : undefined;
}

/** What rpm's database says: `name-version-release.arch`, or undefined. */
export async function rpmVersion(root: string, name: string): Promise<string | undefined> {
  const r = await inRoot(root, ['rpm', '-q', name], { mounts: false, allowFailure: true });
  return r.code === 0 ? r.stdout.trim() : undefined;
}

/**
 * dnf's versionlock plugin, put into a root. Debian ships it in dnf-plugins-core, which
 * cannot be installed beside zypper (it declares Breaks: zypper), so the fixture root lacks
 * it: its .deb is fetched once with the host's apt into the fixture cache, and the plugin's
 * two python modules and its configuration are copied into the root.
 */
export async function addVersionlockPlugin(root: string): Promise<void> {
  const entry = await cached('dnf-versionlock-plugin', { package: 'dnf-plugins-core', suite: 'bookworm' }, async (out) => {
    await run('apt-get', ['download', 'dnf-plugins-core'], { cwd: out });
    await run('sh', ['-c', 'dpkg-deb -x dnf-plugins-core_*.deb tree && rm dnf-plugins-core_*.deb'], { cwd: out });
  });
  const site = 'usr/lib/python3/dist-packages';
  await cp(join(entry, 'tree', site, 'dnfpluginscore'), join(root, site, 'dnfpluginscore'), { recursive: true });
  await mkdir(join(root, site, 'dnf-plugins'), { recursive: true });
  await copyFile(join(entry, 'tree', site, 'dnf-plugins/versionlock.py'), join(root, site, 'dnf-plugins/versionlock.py'));
  await copyFile(join(entry, 'tree/etc/dnf/plugins/versionlock.conf'), join(root, 'etc/dnf/plugins/versionlock.conf'));
}

/** The host must never see what a test installs into a root. */
export async function hostHas(name: string): Promise<boolean> {
  const r = await run('dpkg-query', ['-W', name], { allowFailure: true });
  const rpm = await run('sh', ['-c', `command -v rpm >/dev/null && rpm -q ${name}`], { allowFailure: true });
  return r.code === 0 || rpm.code === 0;
}

/**
 * A Debian root copy with two local rpm repositories — /srv/repo-v1 (the test package 1.0) and
 * /srv/repo-v2 (1.0 and 2.0) — and the os-release that makes detection pick the manager under test.
 */
export async function rpmTestRoot(osRelease: Readonly<Record<string, string>>): Promise<TempRoot> {
  const root = await debianRoot();
  const rpms = await testRpms();
  await rpmRepo(join(root.path, 'srv/repo-v1'), [rpms.v1, rpms.anchor]);
  await rpmRepo(join(root.path, 'srv/repo-v2'), [rpms.v1, rpms.v2, rpms.anchor]);
  await setOsRelease(root.path, osRelease);
  return root;
}

/**
 * The test package 1.0 installed, the 2.0 repository switched on, then `refresh` + `upgrade` and
 * nothing else: 2.0 is installed (yip did nothing for `upgrade: true` alone). Same for dnf and zypper.
 */
export async function assertUpgradeAloneRpm(root: string, useRepo: (dir: string) => Promise<void>): Promise<void> {
  await runSteps(root, [{ name: 'again', packages: { install: [PKG] } }]);
  assert.is(await rpmVersion(root, PKG), `${PKG}-1.0-1.noarch`);
  await useRepo('repo-v2');
  const run = await runSteps(root, [{ name: 'upgrade', packages: { refresh: true, upgrade: true } }]);
  assert.is(run.step('pkg.upgrade').status, 'ok', run.errors('pkg.upgrade'));
  assert.is(await rpmVersion(root, PKG), `${PKG}-2.0-1.noarch`);
  assert.is(await installedFile(root), '2.0\n');
}

/** A package's version in the root's own database (dpkgVersion, rpmVersion), undefined when absent. */
export type VersionOf = (root: string, name: string) => Promise<string | undefined>;

/** What a manager says, and how its database is read, for the failures every manager test checks. */
export interface ManagerFailure {
  /** The program as messages name it: apt-get, dnf, zypper. */
  readonly manager: string;
  /** Fragments of the manager's own output that the step's error must carry. */
  readonly words: readonly string[];
  readonly version: VersionOf;
}

/**
 * A step installs a package no repository has, then removes `removes`: it fails in the manager's
 * words, the removal is not run (`removes` still has version `keeps`, when given), and the next
 * step, removing PKG, runs.
 */
export async function assertMissingPackage(
  root: string,
  failure: ManagerFailure & { readonly removes: string; readonly keeps?: string },
): Promise<StepsRun> {
  const run = await runSteps(root, [
    { name: 'missing', packages: { install: ['yipts-no-such-package'], remove: [failure.removes] } },
    { name: 'next', packages: { remove: [PKG] } },
  ]);
  assert.is(run.step('pkg.missing').status, 'failed');
  const message = run.errors('pkg.missing');
  assert.match(message, `installing yipts-no-such-package with ${failure.manager} failed (so remove was not run)`);
  for (const words of failure.words) assert.match(message, words);
  if (failure.keeps !== undefined) {
    assert.is(await failure.version(root, failure.removes), failure.keeps, 'remove came after the failed install: not run');
  }
  assert.is(run.step('pkg.next').status, 'ok', run.errors('pkg.next'));
  assert.is(await failure.version(root, PKG), undefined, 'the next step ran');
  return run;
}

/** With a repository that cannot be read: `refresh` fails in the manager's words and `install` is not attempted. */
export async function assertRefreshFails(root: string, failure: ManagerFailure): Promise<void> {
  const run = await runSteps(root, [{ name: 'refresh', packages: { refresh: true, install: [PKG] } }]);
  assert.is(run.step('pkg.refresh').status, 'failed');
  const message = run.errors('pkg.refresh');
  assert.match(message, `refreshing the repositories with ${failure.manager} failed (so install was not run)`);
  for (const words of failure.words) assert.match(message, words);
  assert.is(await failure.version(root, PKG), undefined);
}

/** Nothing is left mounted under the root, and none of `packages` reached the host. */
export async function assertNothingLeaked(root: string, packages: readonly string[] = [PKG]): Promise<void> {
  assert.equal(await findMountsUnder(root), []);
  for (const name of packages) assert.not.ok(await hostHas(name), `${name} is not on the host`);
}
