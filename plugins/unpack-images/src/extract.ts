/**
 * Applies image layers, in order, to a fresh directory. Member names are relative to that
 * directory: an absolute name or a `..` component makes the layer invalid; every entry is
 * reached by the walk of `openInRoot` with the directory as its root (a symlink in the image is
 * followed inside it, as a chroot would), and made through its pinned parent directory, so
 * neither a link in the image nor one swapped in meanwhile can carry a write outside it. The
 * last component is never followed: whatever is there is removed first, files are created with
 * O_EXCL, and mode and owner are set through an fd opened with O_NOFOLLOW.
 */
import { lchown, link, lstat, lutimes, mkdir, open, readdir, rm, symlink } from 'node:fs/promises';
import { posix } from 'node:path';
import { openInRoot, setAttributes, withinRoot } from '@yipts/system';
import type { RootPath } from '@yipts/system';
import type { TarEntry } from './tar.js';

const WHITEOUT = '.wh.';
const OPAQUE = '.wh..wh..opq';

/** `a/./b/` → `a/b`; refuses names that would leave the image root. */
export function memberPath(name: string): string {
  if (name.startsWith('/')) throw new Error(`member "${name}" has an absolute name`);
  const parts = name.split('/').filter((p) => p !== '' && p !== '.');
  if (parts.includes('..')) throw new Error(`member "${name}" climbs out of the image root`);
  return parts.join('/');
}

export interface ApplyOptions {
  /** Give entries their uid/gid from the layer (only root can). */
  readonly chown: boolean;
}

export class LayerApplier {
  /** Directory mtimes are set last: creating their children would change them again. By path in the image. */
  private readonly dirTimes = new Map<string, number>();
  /** Entries of kinds that cannot be made here (devices, fifos), by name. */
  readonly skipped: string[] = [];

  constructor(
    private readonly rootfs: string,
    private readonly options: ApplyOptions,
  ) {}

  async apply(entries: AsyncIterable<TarEntry>): Promise<number> {
    // Whiteouts hide what lower layers made, never what this layer made (by path in the image).
    const written = new Set<string>();
    let count = 0;
    for await (const entry of entries) {
      const rel = memberPath(entry.name);
      if (!rel) continue; // the image root itself: the target keeps its own mode
      count++;
      const target = openInRoot(this.rootfs, rel, { createParents: { mode: 0o755 }, followLast: false });
      try {
        await this.applyEntry(entry, target, written);
      } finally {
        target.close();
      }
    }
    return count;
  }

  private async applyEntry(entry: TarEntry, target: RootPath, written: Set<string>): Promise<void> {
    const base = target.name;
    if (base === OPAQUE) return this.opaque(target.parent, posix.dirname(target.inside), written);
    if (base.startsWith(WHITEOUT)) {
      const hidden = base.slice(WHITEOUT.length);
      if (hidden && hidden !== '.' && hidden !== '..') await rm(`${target.parent}/${hidden}`, { recursive: true, force: true });
      return;
    }
    await this.create(entry, target);
    written.add(target.inside);
  }

  /** Directories that layers named (not parents made on the way): their metadata is the image's. */
  get explicitDirectories(): ReadonlySet<string> {
    return new Set(this.dirTimes.keys());
  }

  /** Sets the directory mtimes recorded while applying (never through a link). */
  async finish(): Promise<void> {
    for (const [inside, mtime] of this.dirTimes) {
      await withinRoot(this.rootfs, inside, { followLast: false }, (t) => lutimes(t.host, mtime, mtime)).catch(() => undefined);
    }
  }

  /** `dir` is the pinned directory, `inside` its path in the image. */
  private async opaque(dir: string, inside: string, written: ReadonlySet<string>): Promise<void> {
    const names = await readdir(dir).catch(() => [] as string[]);
    for (const name of names) {
      if (!written.has(posix.join(inside, name))) await rm(`${dir}/${name}`, { recursive: true, force: true });
    }
  }

  private async create(entry: TarEntry, target: RootPath): Promise<void> {
    const path = target.host;
    const existing = await lstat(path).catch(() => undefined);
    if (existing && !(existing.isDirectory() && entry.type === 'directory')) await rm(path, { recursive: true, force: true });
    switch (entry.type) {
      case 'directory':
        if (!existing?.isDirectory()) await mkdir(path, { mode: 0o700 });
        await this.setMeta(entry, path);
        this.dirTimes.set(target.inside, entry.mtime);
        return;
      case 'file': {
        const file = await open(path, 'wx', 0o600);
        try {
          for await (const chunk of entry.body) await file.write(chunk);
        } finally {
          await file.close();
        }
        await this.setMeta(entry, path);
        await lutimes(path, entry.mtime, entry.mtime);
        return;
      }
      case 'symlink':
        await symlink(entry.linkname, path);
        if (this.options.chown) await lchown(path, entry.uid, entry.gid);
        await lutimes(path, entry.mtime, entry.mtime).catch(() => undefined);
        return;
      case 'hardlink': {
        const rel = memberPath(entry.linkname);
        if (!rel) throw new Error(`member "${entry.name}" is a hard link to the image root`);
        // The link's own last component is not followed: a hard link to a symlink links the symlink.
        try {
          await withinRoot(this.rootfs, rel, { followLast: false }, (source) => link(source.host, path));
        } catch (error) {
          throw new Error(
            `hard link ${entry.name} -> ${entry.linkname}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
          );
        }
        return;
      }
      default:
        this.skipped.push(entry.name);
    }
  }

  private async setMeta(entry: TarEntry, path: string): Promise<void> {
    // Owner before mode (setAttributes' order): a chown clears setuid/setgid bits that chmod then sets.
    setAttributes(path, this.options.chown ? { mode: entry.mode, uid: entry.uid, gid: entry.gid } : { mode: entry.mode });
  }
}
