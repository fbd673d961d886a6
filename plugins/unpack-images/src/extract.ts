/**
 * Applies image layers, in order, to a fresh directory. Member names are relative to that
 * directory: an absolute name or a `..` component makes the layer invalid; a parent path is
 * resolved inside the directory as a chroot would (`resolveInRoot`), so a symlink in the image
 * pointing anywhere can never carry a write outside it. The last component is never followed:
 * whatever is there is removed first and files are created with O_EXCL.
 */
import { chmod, lchown, link, lstat, lutimes, mkdir, open, readdir, rm, symlink, utimes } from 'node:fs/promises';
import { posix } from 'node:path';
import { resolveInRoot } from '@yipts/system';
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
  /** Directory mtimes are set last: creating their children would change them again. */
  private readonly dirTimes = new Map<string, number>();
  /** Entries of kinds that cannot be made here (devices, fifos), by name. */
  readonly skipped: string[] = [];

  constructor(
    private readonly rootfs: string,
    private readonly options: ApplyOptions,
  ) {}

  async apply(entries: AsyncIterable<TarEntry>): Promise<number> {
    // Whiteouts hide what lower layers made, never what this layer made.
    const written = new Set<string>();
    let count = 0;
    for await (const entry of entries) {
      const rel = memberPath(entry.name);
      if (!rel) continue; // the image root itself: the target keeps its own mode
      count++;
      const base = posix.basename(rel);
      const parent = await resolveInRoot(this.rootfs, posix.dirname(rel));
      if (base === OPAQUE) {
        await this.opaque(parent, written);
        continue;
      }
      if (base.startsWith(WHITEOUT)) {
        const hidden = base.slice(WHITEOUT.length);
        if (hidden && hidden !== '.' && hidden !== '..') await rm(posix.join(parent, hidden), { recursive: true, force: true });
        continue;
      }
      await mkdir(parent, { recursive: true, mode: 0o755 });
      const path = posix.join(parent, base);
      await this.create(entry, path);
      written.add(path);
    }
    return count;
  }

  /** Directories that layers named (not parents made on the way): their metadata is the image's. */
  get explicitDirectories(): ReadonlySet<string> {
    return new Set(this.dirTimes.keys());
  }

  /** Sets the directory mtimes recorded while applying. */
  async finish(): Promise<void> {
    for (const [path, mtime] of this.dirTimes) await utimes(path, mtime, mtime).catch(() => undefined);
  }

  private async opaque(dir: string, written: ReadonlySet<string>): Promise<void> {
    const names = await readdir(dir).catch(() => [] as string[]);
    for (const name of names) {
      const path = posix.join(dir, name);
      if (!written.has(path)) await rm(path, { recursive: true, force: true });
    }
  }

  private async create(entry: TarEntry, path: string): Promise<void> {
    const existing = await lstat(path).catch(() => undefined);
    if (existing && !(existing.isDirectory() && entry.type === 'directory')) await rm(path, { recursive: true, force: true });
    switch (entry.type) {
      case 'directory':
        if (!existing?.isDirectory()) await mkdir(path, { mode: 0o700 });
        await this.setMeta(entry, path);
        this.dirTimes.set(path, entry.mtime);
        return;
      case 'file': {
        const file = await open(path, 'wx', 0o600);
        try {
          for await (const chunk of entry.body) await file.write(chunk);
        } finally {
          await file.close();
        }
        await this.setMeta(entry, path);
        await utimes(path, entry.mtime, entry.mtime);
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
        const source = posix.join(await resolveInRoot(this.rootfs, posix.dirname(rel)), posix.basename(rel));
        try {
          await link(source, path);
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
    // chown first: it clears setuid/setgid bits that chmod then sets.
    if (this.options.chown) await lchown(path, entry.uid, entry.gid);
    await chmod(path, entry.mode);
  }
}
