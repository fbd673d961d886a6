/**
 * Which package manager a root uses, read from its /etc/os-release: `ID` first, then each word
 * of `ID_LIKE` in order, so derivatives (Manjaro, Linux Mint, SLE Micro...) find their family.
 * The table is yip's, with the IDs the behaviour reference lists.
 */
import { isHostRoot, readOsRelease } from '@yipts/system';
import type { ManagerName } from './managers/index.js';

const BY_ID: Readonly<Record<string, ManagerName>> = Object.freeze({
  debian: 'apt',
  ubuntu: 'apt',
  fedora: 'dnf',
  rhel: 'dnf',
  redhat: 'dnf',
  centos: 'dnf',
  rocky: 'dnf',
  almalinux: 'dnf',
  ol: 'dnf',
  openeuler: 'dnf',
  opensuse: 'zypper',
  suse: 'zypper',
  alpine: 'apk',
  arch: 'pacman',
});

/** The manager for one os-release identifier, compared without case (openEuler writes `ID=openEuler`). */
export function managerForId(id: string): ManagerName | undefined {
  const key = id.trim().toLowerCase();
  if (key.startsWith('opensuse-')) return 'zypper';
  return Object.hasOwn(BY_ID, key) ? BY_ID[key] : undefined;
}

export interface Detection {
  readonly manager: ManagerName;
  /** What decided it, for messages: `ID=debian` or `ID_LIKE=suse`. */
  readonly reason: string;
}

/** The manager for parsed os-release fields; an Error saying what was found when none fits. */
export function managerForOsRelease(fields: Readonly<Record<string, string>>): Detection | Error {
  const id = fields.ID ?? '';
  const fromId = id ? managerForId(id) : undefined;
  if (fromId) return { manager: fromId, reason: `ID=${id}` };
  for (const like of (fields.ID_LIKE ?? '').split(/\s+/).filter(Boolean)) {
    const fromLike = managerForId(like);
    if (fromLike) return { manager: fromLike, reason: `ID_LIKE=${like}` };
  }
  if (!id && !fields.ID_LIKE) return new Error('no ID in its os-release (or no /etc/os-release at all)');
  const like = fields.ID_LIKE ? ` and ID_LIKE="${fields.ID_LIKE}"` : '';
  return new Error(`its os-release has ID="${id}"${like}, a distribution with no known package manager`);
}

/** Reads the root's os-release and picks the manager, or throws naming the ID it found. */
export async function detectManager(root: string): Promise<Detection> {
  const found = managerForOsRelease(await readOsRelease(root));
  if (found instanceof Error) {
    throw new Error(
      `cannot tell which package manager ${describeRoot(root)} uses: ${found.message}; set the packages plugin's \`manager\` option to one of apt, dnf, zypper, apk, pacman`,
    );
  }
  return found;
}

export function describeRoot(root: string): string {
  return isHostRoot(root) ? 'the host' : `the target root ${root}`;
}
