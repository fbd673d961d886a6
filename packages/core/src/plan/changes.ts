/**
 * What a step would change, as `yipts plan` reports it. A plugin's `plan` returns these instead
 * of doing the work; the command line turns them into text (with unified diffs) or JSON.
 */

/** Mode and owner of a file or directory; `undefined` fields were not known or not set. */
export interface Attributes {
  readonly mode?: number;
  readonly uid?: number;
  readonly gid?: number;
}

export type Change =
  | {
      readonly kind: 'file';
      readonly action: 'create' | 'modify' | 'remove';
      /** Path inside the target root. */
      readonly path: string;
      /** Text content; `undefined` for a file that does not exist, or binary content (see `binary`). */
      readonly before?: string;
      readonly after?: string;
      readonly binary?: boolean;
      readonly from?: Attributes;
      readonly to?: Attributes;
    }
  | {
      readonly kind: 'directory';
      readonly action: 'create' | 'modify';
      readonly path: string;
      readonly from?: Attributes;
      readonly to: Attributes;
    }
  | {
      readonly kind: 'account';
      readonly action: 'add' | 'change' | 'remove';
      /** The account database: `/etc/passwd`, `/etc/group`, `/etc/shadow`, `/etc/gshadow`. */
      readonly database: string;
      readonly name: string;
      /** The line as it is and as it would be, password hashes masked. */
      readonly before?: string;
      readonly after?: string;
    }
  | { readonly kind: 'unit'; readonly action: 'enable' | 'disable' | 'mask' | 'start' | 'override'; readonly unit: string }
  | { readonly kind: 'package'; readonly action: 'install' | 'upgrade' | 'remove'; readonly name: string; readonly version?: string }
  | { readonly kind: 'command'; readonly command: string }
  | { readonly kind: 'fetch'; readonly url: string; readonly target?: string }
  /** A disk's partition table: a partition added or the last one expanded. */
  | { readonly kind: 'disk'; readonly action: 'add-partition' | 'expand-partition'; readonly device: string; readonly detail: string }
  /** The running system (kernel parameters, modules, host name), changed only when the target root is the host. */
  | { readonly kind: 'live'; readonly text: string }
  /** The outcome depends on something plan mode does not do, e.g. an `if` command not run. */
  | { readonly kind: 'condition'; readonly text: string }
  | { readonly kind: 'note'; readonly text: string };

export type ChangeKind = Change['kind'];

/** What a file is now, as read from the root; `exists: false` when there is nothing. */
export interface FileState {
  readonly exists: boolean;
  readonly content?: Buffer;
  readonly mode?: number;
  readonly uid?: number;
  readonly gid?: number;
}

/** What a step would write at a path. */
export interface FileTarget {
  readonly path: string;
  readonly content: Buffer | string;
  readonly mode?: number;
  readonly uid?: number;
  readonly gid?: number;
}

/**
 * The change writing `target` over `current` makes, or nothing when content, mode and owner are
 * already what they would be. Content that is not UTF-8 text is reported as binary, without it.
 */
export function fileChange(current: FileState, target: FileTarget): Change[] {
  const after = typeof target.content === 'string' ? Buffer.from(target.content, 'utf8') : target.content;
  const to = attributes(target);
  if (!current.exists) return [{ kind: 'file', action: 'create', path: target.path, ...textOf(undefined, after), to }];
  const from = attributes(current);
  const sameContent = current.content !== undefined && current.content.equals(after);
  if (sameContent && sameAttributes(from, to)) return [];
  // Only a mode or owner change: no content, so no diff is shown.
  return [{ kind: 'file', action: 'modify', path: target.path, ...(sameContent ? {} : textOf(current.content, after)), from, to }];
}

/** The change a directory with `to` makes where `current` is, or nothing. */
export function directoryChange(path: string, current: FileState, to: Attributes): Change[] {
  if (!current.exists) return [{ kind: 'directory', action: 'create', path, to }];
  const from = attributes(current);
  return sameAttributes(from, to) ? [] : [{ kind: 'directory', action: 'modify', path, from, to }];
}

/** Directories a write would create first (from `missingParents`), all with the same attributes. */
export function newDirectories(paths: readonly string[], to: Attributes): Change[] {
  return paths.map((path) => ({ kind: 'directory', action: 'create', path, to }));
}

/** True when the change alters something (a note or an unrun condition does not). */
export function isAlteration(change: Change): boolean {
  return change.kind !== 'note' && change.kind !== 'condition';
}

function attributes(a: Attributes): Attributes {
  return {
    ...(a.mode !== undefined ? { mode: a.mode & 0o7777 } : {}),
    ...(a.uid !== undefined ? { uid: a.uid } : {}),
    ...(a.gid !== undefined ? { gid: a.gid } : {}),
  };
}

/** Attributes left unset in `to` are not changed, so they never differ. */
function sameAttributes(from: Attributes, to: Attributes): boolean {
  return (
    (to.mode === undefined || to.mode === from.mode) &&
    (to.uid === undefined || to.uid === from.uid) &&
    (to.gid === undefined || to.gid === from.gid)
  );
}

function textOf(before: Buffer | undefined, after: Buffer | undefined): { before?: string; after?: string; binary?: true } {
  const b = before === undefined ? undefined : asUtf8(before);
  const a = after === undefined ? undefined : asUtf8(after);
  if (b === null || a === null) return { binary: true };
  return { ...(b !== undefined ? { before: b } : {}), ...(a !== undefined ? { after: a } : {}) };
}

function asUtf8(data: Buffer): string | null {
  const text = data.toString('utf8');
  return Buffer.from(text, 'utf8').equals(data) && !text.includes('\0') ? text : null;
}
