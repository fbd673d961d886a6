/**
 * zypper pins: locks in /etc/zypp/locks (or where zypp.conf's `locksfile.path` says). A pin
 * `foo: 1.0` is two locks, "foo < 1.0" and "foo > 1.0", on versions that are not installed:
 * every other version is locked out, so zypper installs 1.0 and never upgrades past it, while
 * an installed other version may still move to 1.0. (yip adds one lock "foo = 1.0", which
 * forbids installing 1.0 when it is not installed yet.) Locks of other packages stay;
 * earlier locks of a pinned package are replaced.
 */
import { editRootFile, field, joinParagraphs, paragraphs, readRootFile } from './root-file.js';
import type { Pin, PinWriter } from './types.js';

export const ZYPP_LOCKS_FILE = '/etc/zypp/locks';
const ZYPP_CONF = '/etc/zypp/zypp.conf';

export function zyppLocks(current: string | undefined, pins: readonly Pin[]): string {
  const names = new Set(pins.map((p) => p.name));
  const kept = paragraphs(current ?? '').filter((p) => {
    const type = field(p, 'type') ?? 'package';
    return !(type === 'package' && names.has(field(p, 'solvable_name') ?? ''));
  });
  const added = pins.flatMap((p) =>
    ['<', '>'].map((op) => [
      'type: package',
      'match_type: exact',
      'case_sensitive: on',
      'install_status: not-installed',
      `solvable_name: ${p.name}`,
      `version: ${op} ${p.version}`,
    ]),
  );
  return joinParagraphs([...kept, ...added]);
}

/** Where zypp reads its locks, from zypp.conf; the default when unset. */
export async function zyppLocksPath(root: string): Promise<string> {
  const conf = (await readRootFile(root, ZYPP_CONF)) ?? '';
  for (const line of conf.split('\n')) {
    const m = /^\s*locksfile\.path\s*=\s*(\S+)\s*$/.exec(line);
    if (m) return m[1]!;
  }
  return ZYPP_LOCKS_FILE;
}

export const writeZypperPins: PinWriter = async (pins, target) => {
  const path = await zyppLocksPath(target.root);
  await editRootFile(target.root, path, (current) => zyppLocks(current, pins));
  target.ctx.logger.log('info', `locked ${pins.map((p) => `${p.name} to ${p.version}`).join(', ')} in ${path}`);
};
