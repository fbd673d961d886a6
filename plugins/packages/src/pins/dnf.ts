/**
 * dnf pins: the versionlock plugin's lock list. With dnf 4 the list is a file
 * (/etc/dnf/plugins/versionlock.list, or the `locklist` its versionlock.conf names) holding one
 * pattern per locked package: `foo-1.0-*` lets dnf see only 1.0 of foo, whatever the release.
 * The file is edited directly, so a pin needs neither repository metadata nor the network.
 * dnf 5 keeps its locks in its own format, so there `dnf5 versionlock add` does the work.
 * Earlier locks of a pinned package are replaced; locks of other packages stay.
 */
import { access, readdir } from 'node:fs/promises';
import { basename } from 'node:path';
import { describeFailure, findExecutable, resolveInRoot } from '@yipts/system';
import type { Target } from '../target.js';
import { editRootFile, readRootFile } from './root-file.js';
import type { Pin, PinWriter } from './types.js';

export const VERSIONLOCK_CONF = '/etc/dnf/plugins/versionlock.conf';
export const VERSIONLOCK_LIST = '/etc/dnf/plugins/versionlock.list';

/** The lock pattern for a pin: a version with a release (`1.0-3`) is exact up to the arch. */
export function lockPattern(pin: Pin): string {
  return pin.version.includes('-') ? `${pin.name}-${pin.version}.*` : `${pin.name}-${pin.version}-*`;
}

/**
 * Whether a line of the list locks (or, with `!`, excludes) package `name`. After `name-`
 * comes `[epoch:]version-release[.arch]`, which has exactly one dash; a longer name that
 * starts with the same words (`foo-bar-1.0-1` for `foo`) has more.
 */
export function locksPackage(line: string, name: string): boolean {
  const entry = line.trim().replace(/^!/, '');
  if (entry === name) return true;
  if (!entry.startsWith(`${name}-`)) return false;
  return entry.slice(name.length + 1).split('-').length === 2;
}

export function versionlockList(current: string | undefined, pins: readonly Pin[]): string {
  const kept = (current ?? '').split('\n').filter((line, i, all) => {
    if (i === all.length - 1 && line === '') return false;
    return !pins.some((p) => locksPackage(line, p.name));
  });
  return `${[...kept, ...pins.map(lockPattern)].join('\n')}\n`;
}

interface PluginConf {
  readonly exists: boolean;
  readonly enabled: boolean;
  readonly locklist: string;
}

export function parseVersionlockConf(text: string | undefined): PluginConf {
  if (text === undefined) return { exists: false, enabled: true, locklist: VERSIONLOCK_LIST };
  const value = (key: string) => new RegExp(`^\\s*${key}\\s*=\\s*(.*?)\\s*$`, 'm').exec(text)?.[1];
  const enabled = value('enabled');
  return {
    exists: true,
    enabled: enabled === undefined || /^(1|true|yes|on)$/i.test(enabled),
    locklist: value('locklist') || VERSIONLOCK_LIST,
  };
}

const DEFAULT_CONF = `[main]\nenabled = 1\nlocklist = ${VERSIONLOCK_LIST}\n`;

export const writeDnfPins: PinWriter = async (pins, target) => {
  if (await isDnf5(target)) return dnf5Pins(pins, target);
  const log = target.ctx.logger;
  const conf = parseVersionlockConf(await readRootFile(target.root, VERSIONLOCK_CONF));
  if (!conf.exists) await editRootFile(target.root, VERSIONLOCK_CONF, () => DEFAULT_CONF);
  await editRootFile(target.root, conf.locklist, (current) => versionlockList(current, pins));
  log.log('info', `locked ${pins.map(lockPattern).join(', ')} in ${conf.locklist}`);
  if (!conf.enabled)
    log.log('warning', `dnf's versionlock plugin is disabled in ${VERSIONLOCK_CONF}: the locks in ${conf.locklist} are not enforced`);
  if (!(await hasVersionlockPlugin(target.root))) {
    log.log(
      'warning',
      `dnf's versionlock plugin is not installed (python3-dnf-plugin-versionlock): the locks in ${conf.locklist} take effect once it is`,
    );
  }
};

/**
 * Whether `dnf` is dnf 5: Fedora 41 on links /usr/bin/dnf to dnf5. A dnf5 installed beside a
 * dnf 4 (possible on earlier releases) does not count: dnf 4 would ignore its locks.
 */
async function isDnf5(target: Target): Promise<boolean> {
  const env = target.ctx.run.options.env;
  const dnf = await findExecutable(target.root, 'dnf', env);
  if (!dnf) return (await findExecutable(target.root, 'dnf5', env)) !== undefined;
  // resolveInRoot follows the link inside the root: the result names the file itself.
  return basename(await resolveInRoot(target.root, dnf)) === 'dnf5';
}

/** dnf 5: drop the package's earlier locks (none is fine), then lock the version. */
async function dnf5Pins(pins: readonly Pin[], target: Target): Promise<void> {
  const errors: Error[] = [];
  for (const pin of pins) {
    await target.exec(['dnf5', 'versionlock', 'delete', pin.name]);
    const argv = ['dnf5', 'versionlock', 'add', `${pin.name}-${pin.version}`];
    const result = await target.exec(argv);
    if (result.exitCode === 0 && !result.timedOut) target.ctx.logger.log('info', `locked ${pin.name} to ${pin.version} with dnf5`);
    else errors.push(new Error(`pinning ${pin.name} to ${pin.version} failed: \`${argv.join(' ')}\` ${describeFailure(result)}`));
  }
  if (errors.length === 1) throw errors[0];
  if (errors.length) throw new AggregateError(errors, `${errors.length} pins failed`);
}

/** The plugin is a python module of dnf; look where distributions put it. */
async function hasVersionlockPlugin(root: string): Promise<boolean> {
  for (const lib of ['/usr/lib', '/usr/lib64']) {
    let pythons: string[];
    try {
      pythons = (await readdir(await resolveInRoot(root, lib))).filter((d) => d.startsWith('python3'));
    } catch {
      continue;
    }
    for (const python of pythons) {
      for (const packages of ['site-packages', 'dist-packages']) {
        const candidate = await resolveInRoot(root, `${lib}/${python}/${packages}/dnf-plugins/versionlock.py`);
        if (
          await access(candidate).then(
            () => true,
            () => false,
          )
        )
          return true;
      }
    }
  }
  return false;
}
