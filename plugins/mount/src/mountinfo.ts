/**
 * The mount table of this process's mount namespace, from /proc/self/mountinfo: the kernel's
 * own view (ids, device numbers, the filesystem root of each mount), which findmnt also reads.
 * Entries come in the order they were mounted, which is the order unmounting must reverse.
 */
import { readFile } from 'node:fs/promises';
import { posix } from 'node:path';

export interface MountEntry {
  /** Unique while mounted; tells our mounts apart from ones that were there before. */
  readonly id: number;
  readonly parentId: number;
  /** `major:minor` of the filesystem's device. */
  readonly device: string;
  /** The directory of the filesystem that is mounted (`/` unless a bind of a subdirectory). */
  readonly fsRoot: string;
  readonly target: string;
  readonly options: string;
  readonly fsType: string;
  readonly source: string;
}

export async function readMountTable(): Promise<MountEntry[]> {
  return parseMountInfo(await readFile('/proc/self/mountinfo', 'utf8'));
}

export function parseMountInfo(text: string): MountEntry[] {
  const out: MountEntry[] = [];
  for (const line of text.split('\n')) {
    if (!line) continue;
    const fields = line.split(' ');
    const dash = fields.indexOf('-', 6);
    if (dash < 0 || fields.length < dash + 3) continue;
    out.push({
      id: Number(fields[0]),
      parentId: Number(fields[1]),
      device: fields[2] ?? '',
      fsRoot: unescapeOctal(fields[3] ?? ''),
      target: unescapeOctal(fields[4] ?? ''),
      options: fields[5] ?? '',
      fsType: unescapeOctal(fields[dash + 1] ?? ''),
      source: unescapeOctal(fields[dash + 2] ?? ''),
    });
  }
  return out;
}

// The kernel writes blanks, tabs, newlines and backslashes in paths as \ooo octal escapes.
function unescapeOctal(s: string): string {
  return s.replace(/\\([0-7]{3})/g, (_m, oct: string) => String.fromCharCode(parseInt(oct, 8)));
}

/** True when `path` is `dir` or lies below it. */
export function isWithin(dir: string, path: string): boolean {
  const d = posix.resolve(dir);
  const p = posix.resolve(path);
  return p === d || p.startsWith(d === '/' ? '/' : `${d}/`);
}

/** Mounts strictly below `dir` (not `dir` itself), in mount order. */
export function mountsBelow(table: readonly MountEntry[], dir: string): MountEntry[] {
  const d = posix.resolve(dir);
  return table.filter((m) => m.target !== d && isWithin(d, m.target));
}

/** A key that survives id reuse: the same id at another place is another mount. */
export function mountKey(m: MountEntry): string {
  return `${m.id}\0${m.target}\0${m.device}`;
}
