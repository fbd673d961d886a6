/**
 * The plugin's options. They may come from a JSON-ish preset (the CLI), so they are checked at
 * runtime and turned into one normalized shape, with the defaults of the Elemental layout.
 */
import { posix } from 'node:path';
import { s, YiptsError } from '@yipts/core';

/** A mount made after the default binds, e.g. a data disk or a host directory. */
export interface ExtraMount {
  /** A device or file (`mount SOURCE TARGET`), or a host directory when `bind` is set. */
  readonly source: string;
  /** Absolute path inside the root. */
  readonly target: string;
  /** Filesystem type (`mount -t`); detected when missing. */
  readonly type?: string;
  /** Mount options (`mount -o`), e.g. `['ro']`. */
  readonly options?: readonly string[];
  /** Bind-mount `source`, a host path, instead of mounting it. */
  readonly bind?: boolean;
}

export interface MountOptions {
  /** Partition label → path inside the root. Default: COS_OEM → /oem, COS_PERSISTENT → /usr/local. */
  readonly labels?: Readonly<Record<string, string>>;
  /** More mounts, done with the partitions, all sorted by target. */
  readonly extraMounts?: readonly ExtraMount[];
  /** Also bind the host's /run (after /sys). Default false. */
  readonly bindRun?: boolean;
  /**
   * Host file whose content the root sees at /etc/resolv.conf during the run, so that names
   * resolve inside the chroot; the image's own file is left as it was. `false`: leave DNS alone.
   * Default /etc/resolv.conf.
   */
  readonly resolvConf?: string | false;
  /** Label → device, used instead of looking the label up (systems without blkid, tests). */
  readonly devices?: Readonly<Record<string, string>>;
  /** The blkid program used to find a label. Default `blkid` (from PATH). */
  readonly blkid?: string;
  /**
   * Kernel command line read for `elemental.oemlabel=` / `rd.cos.oemlabel=`, which rename the
   * label mounted at /oem. Default /proc/cmdline; `false`: not read.
   */
  readonly cmdline?: string | false;
  /** Re-run the command in a private mount (and PID) namespace when a root is given. Default true. */
  readonly isolate?: boolean;
}

/** A path, or `false` for "none". */
const pathOrOff = s.oneOf(s.string(), s.enumOf(['false'] as const), (n) => (n.kind === 'scalar' && n.value === false ? 'b' : 'a'));

/** The options, checked before the plugin is made (an executor configuration's `pluginOptions.mount`). */
export const OPTIONS_SCHEMA = s.object({
  labels: s.describe(s.record(s.string()), 'partition label → path inside the root (default COS_OEM → /oem, COS_PERSISTENT → /usr/local)'),
  extraMounts: s.describe(
    s.list(
      s.object(
        { source: s.string(), target: s.string(), type: s.string(), options: s.list(s.string()), bind: s.boolean() },
        { required: ['source', 'target'] },
      ),
    ),
    'more mounts, made with the partitions, sorted by target',
  ),
  bindRun: s.describe(s.boolean(), "also bind the host's /run"),
  resolvConf: s.describe(pathOrOff, 'host file the root sees at /etc/resolv.conf during the run; false: leave DNS alone'),
  devices: s.describe(s.record(s.string()), 'label → device, instead of looking the label up'),
  blkid: s.describe(s.string(), 'the blkid program used to find a label'),
  cmdline: s.describe(pathOrOff, 'kernel command line read for the OEM label; false: not read'),
  isolate: s.describe(s.boolean(), 'run the command again in a private mount namespace when a root is given'),
});

export const DEFAULT_LABELS: Readonly<Record<string, string>> = Object.freeze({
  COS_OEM: '/oem',
  COS_PERSISTENT: '/usr/local',
});

export interface NormalizedOptions {
  readonly labels: ReadonlyMap<string, string>;
  readonly extraMounts: readonly ExtraMount[];
  readonly bindRun: boolean;
  readonly resolvConf: string | false;
  readonly devices: ReadonlyMap<string, string>;
  readonly blkid: string;
  readonly cmdline: string | false;
  readonly isolate: boolean;
}

/** Options the mount plugin cannot use: the executor is not created. */
export class MountOptionsError extends YiptsError {
  override name = 'MountOptionsError';
  constructor(reason: string) {
    super(reason, { code: 'plugin-options' });
  }
}

const KNOWN = new Set(['labels', 'extraMounts', 'bindRun', 'resolvConf', 'devices', 'blkid', 'cmdline', 'isolate']);

export function normalizeOptions(input: MountOptions | Record<string, unknown> | undefined): NormalizedOptions {
  const o = (input ?? {}) as Record<string, unknown>;
  if (typeof o !== 'object' || Array.isArray(o)) throw new MountOptionsError('mount plugin options must be an object');
  for (const key of Object.keys(o)) {
    if (!KNOWN.has(key)) throw new MountOptionsError(`mount plugin: unknown option \`${key}\` (known: ${[...KNOWN].join(', ')})`);
  }
  const labels = new Map<string, string>();
  for (const [label, target] of Object.entries(stringRecord(o.labels ?? DEFAULT_LABELS, 'labels'))) {
    checkLabel(label);
    labels.set(label, insidePath(target, `labels.${label}`));
  }
  const devices = new Map<string, string>(Object.entries(stringRecord(o.devices ?? {}, 'devices')));
  return {
    labels,
    extraMounts: extraMounts(o.extraMounts),
    bindRun: bool(o.bindRun, 'bindRun', false),
    resolvConf: pathOrFalse(o.resolvConf, 'resolvConf', '/etc/resolv.conf'),
    devices,
    blkid: nonEmpty(o.blkid ?? 'blkid', 'blkid'),
    cmdline: pathOrFalse(o.cmdline, 'cmdline', '/proc/cmdline'),
    isolate: bool(o.isolate, 'isolate', true),
  };
}

function checkLabel(label: string): void {
  // blkid matches the label as written; a blank or `=` could never match and hints at a typo.
  if (!label || /[\s=]/.test(label)) throw new MountOptionsError(`mount plugin: bad partition label \`${label}\``);
}

/** An absolute path inside the root, normalized; `/` itself cannot be a mount target. */
function insidePath(value: unknown, what: string): string {
  const path = nonEmpty(value, what);
  if (!path.startsWith('/')) throw new MountOptionsError(`mount plugin: ${what} must be an absolute path inside the root, not \`${path}\``);
  const normalized = posix.normalize(path).replace(/\/+$/, '');
  if (normalized === '') throw new MountOptionsError(`mount plugin: ${what} cannot be the root itself`);
  return normalized;
}

function extraMounts(value: unknown): ExtraMount[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw new MountOptionsError('mount plugin: extraMounts must be a list');
  return value.map((m: unknown, i) => {
    const what = `extraMounts[${i}]`;
    if (!m || typeof m !== 'object') throw new MountOptionsError(`mount plugin: ${what} must be an object`);
    const e = m as Record<string, unknown>;
    const options = e.options === undefined ? undefined : stringList(e.options, `${what}.options`);
    return {
      source: nonEmpty(e.source, `${what}.source`),
      target: insidePath(e.target, `${what}.target`),
      ...(e.type === undefined ? {} : { type: nonEmpty(e.type, `${what}.type`) }),
      ...(options ? { options } : {}),
      bind: bool(e.bind, `${what}.bind`, false),
    };
  });
}

function stringRecord(value: unknown, what: string): Record<string, string> {
  if (!value || typeof value !== 'object' || Array.isArray(value))
    throw new MountOptionsError(`mount plugin: ${what} must be a map of strings`);
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(value)) out[k] = nonEmpty(v, `${what}.${k}`);
  return out;
}

function stringList(value: unknown, what: string): string[] {
  if (!Array.isArray(value)) throw new MountOptionsError(`mount plugin: ${what} must be a list of strings`);
  return value.map((v, i) => nonEmpty(v, `${what}[${i}]`));
}

function nonEmpty(value: unknown, what: string): string {
  if (typeof value !== 'string' || value.length === 0) throw new MountOptionsError(`mount plugin: ${what} must be a non-empty string`);
  return value;
}

function bool(value: unknown, what: string, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  if (typeof value !== 'boolean') throw new MountOptionsError(`mount plugin: ${what} must be true or false`);
  return value;
}

function pathOrFalse(value: unknown, what: string, fallback: string): string | false {
  if (value === undefined) return fallback;
  if (value === false) return false;
  return nonEmpty(value, what);
}
