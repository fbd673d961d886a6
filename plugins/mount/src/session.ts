/**
 * What one run did to its target root, kept as it happens so that release can undo exactly
 * that, also after a preparation that failed half-way.
 */
import type { FileHandle } from 'node:fs/promises';
import type { Logger, LogLevel } from '@yipts/core';
import { isWithin, readMountTable } from './mountinfo.js';
import type { MountEntry } from './mountinfo.js';

export type MountKind = 'system' | 'partition' | 'extra' | 'resolver';

export interface MountRecord {
  readonly kind: MountKind;
  /** Path inside the root, as the chroot sees it. */
  readonly inside: string;
  /** The same path on the host. */
  readonly target: string;
  /** What was mounted there, for messages. */
  readonly source: string;
  /** A bind of a host path: nothing may ever be created through it. */
  readonly hostBacked: boolean;
  /** Its id in the mount table, to tell it from a mount a step stacked on the same place. */
  readonly id: number | undefined;
}

/** A directory or empty file made as a mount point, removed again at release (if still empty). */
export interface CreatedPath {
  readonly path: string;
  readonly kind: 'dir' | 'file';
  /** Host path of our mount it was made on (a partition), or undefined: the root's own filesystem. */
  readonly on: string | undefined;
}

/** The resolver file shown to the chroot: a copy of the host's, bound over the image's path. */
export interface ResolverBind {
  /** The copy, open: its path is gone once bound. */
  readonly handle: FileHandle;
  readonly hostContent: Buffer;
  /** Host path of the image's file the copy covers. */
  readonly target: string;
}

export class RootSession {
  readonly mounts: MountRecord[] = [];
  created: CreatedPath[] = [];
  resolver: ResolverBind | undefined;
  /** Plan mode: the tmpfs holding the overlay's writable layer, outside the root. */
  scratch: string | undefined;

  constructor(
    /** The root, canonical (symlinks resolved), as the mount table spells it. */
    readonly root: string,
    /** Mounts that were below the root before the run: not ours to undo. */
    readonly preexisting: ReadonlySet<string>,
    private readonly logger: Logger,
  ) {}

  log(level: LogLevel, message: string): void {
    this.logger.log(level, message, { plugin: 'mount' });
  }

  /** Called right after mounting: the newest mount at the target is this one. */
  async record(mount: Omit<MountRecord, 'id'>): Promise<void> {
    const table = await readMountTable();
    const id = table.filter((m) => m.target === mount.target).at(-1)?.id;
    this.mounts.push({ ...mount, id });
  }

  /** True when `entry` is one of the mounts this session made. */
  owns(entry: MountEntry): boolean {
    return this.mounts.some((m) => m.id === entry.id && m.target === entry.target);
  }

  /** The innermost of our mounts that holds `hostPath`, if any. */
  mountHolding(hostPath: string): MountRecord | undefined {
    let best: MountRecord | undefined;
    for (const m of this.mounts) {
      if (isWithin(m.target, hostPath) && (!best || m.target.length >= best.target.length)) best = m;
    }
    return best;
  }
}
