/**
 * A path of the target root pinned by file descriptor, so that no write can be carried outside
 * the root by a link swapped in while it runs (check-then-use). The walk opens the root, then
 * each component with O_DIRECTORY|O_NOFOLLOW relative to the directory opened before it,
 * through `/proc/self/fd/N/name`: the kernel looks `name` up from directory N itself (the magic
 * link is the directory's inode, not a path), which is openat(2) for a runtime that has none.
 * A link met on the way is read through its pinned parent and followed inside the root, as
 * chroot(2) would: an absolute target starts again at the root, `..` drops the directory last
 * opened and never climbs above the root, and more than 40 links is ELOOP.
 *
 * The result holds the final name's parent open; everything done to the final name goes through
 * `/proc/self/fd/<parent>/name` (`host`): a temporary created with O_EXCL and renamed within that
 * directory, a directory made there, a mode or owner set through an fd opened with O_NOFOLLOW.
 * On the host itself (`root === '/'`) nothing is to be confined: `host` is the plain path.
 */
import { closeSync, constants, fchmodSync, fchownSync, fstatSync, lstatSync, mkdirSync, openSync, readlinkSync } from 'node:fs';
import type { Stats } from 'node:fs';
import { posix } from 'node:path';
import { RootEscapeError } from './root-path.js';

const MAX_LINKS = 40; // as Linux's ELOOP limit
const DIRECTORY_FLAGS = constants.O_RDONLY | constants.O_DIRECTORY | constants.O_NOFOLLOW;
/** Never follows a link, never blocks on a FIFO or a device. */
const NODE_FLAGS = constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK;
const FD_DIR = '/proc/self/fd';

export interface DirectoryAttributes {
  readonly mode: number;
  readonly uid?: number | undefined;
  readonly gid?: number | undefined;
}

export interface WalkOptions {
  /** Missing parent directories are made with these attributes; without it they are ENOENT. */
  readonly createParents?: DirectoryAttributes | undefined;
  /** A link as the last component is followed (inside the root). Default true. */
  readonly followLast?: boolean | undefined;
}

export interface RootPath {
  /** The target root as given. */
  readonly root: string;
  /** Where the final name is, as seen inside the root, after links were followed (for messages). */
  readonly inside: string;
  /** The path to use for the final name: through the pinned parent, or the plain path on the host. */
  readonly host: string;
  /** The directory holding the final name, likewise. */
  readonly parent: string;
  /** The final name; '' when the path is the root itself. */
  readonly name: string;
  /** Directories the walk made, as seen inside the root, outermost first. */
  readonly created: readonly string[];
  /** Closes the pinned parent; `host` and `parent` are meaningless afterwards. */
  close(): void;
}

/** Pinned directories by fd: what their `/proc/self/fd/N` paths mean, for messages and keys. */
const pinned = new Map<number, { readonly root: string; readonly inside: string }>();

/** A name for the directory `dir` that outlives its fd (fd numbers are reused): root and path inside it. */
export function directoryKey(dir: string): string {
  const match = /^\/proc\/self\/fd\/(\d+)$/.exec(dir);
  const held = match ? pinned.get(Number(match[1])) : undefined;
  return held ? `${posix.resolve(held.root)}${held.inside === '/' ? '' : held.inside}` : dir;
}

/** `/proc/self/fd/N[/rest]` (or `/proc/PID/fd/…` of this process) → the path inside the root it stands for. */
export function describeHostPath(path: string): string {
  const match = new RegExp(`^/proc/(?:self|${process.pid})/fd/(\\d+)(/.*)?$`).exec(path);
  const dir = match ? pinned.get(Number(match[1]))?.inside : undefined;
  if (dir === undefined) return path;
  return match![2] ? posix.join(dir, match![2]) : dir;
}

/** The same for every pinned path a message mentions (a Node error names the path it used). */
export function describeInRoot<E>(error: E): E {
  if (!(error instanceof Error) || !/\/proc\/\w+\/fd\//.test(error.message)) return error;
  const pinnedPaths = new RegExp(`/proc/(?:self|${process.pid})/fd/\\d+(?:/[^\\s',]*)?`, 'g');
  error.message = error.message.replace(pinnedPaths, (p) => describeHostPath(p));
  const withPath = error as { path?: string; dest?: string };
  if (withPath.path) withPath.path = describeHostPath(withPath.path);
  if (withPath.dest) withPath.dest = describeHostPath(withPath.dest);
  return error;
}

/**
 * A pinned path as another process (a git run by this one) must name it: `/proc/PID/fd/N/…`
 * reaches this process's open directory; `/proc/self` would be the other process's.
 */
export function pinnedForChild(path: string): string {
  return path.startsWith(`${FD_DIR}/`) ? `/proc/${process.pid}/fd/${path.slice(FD_DIR.length + 1)}` : path;
}

/** One directory held open on the way down, and its path inside the root. */
interface Held {
  readonly fd: number;
  readonly inside: string;
}

/** Registers an open directory so that messages naming its fd path can say what it is. */
function hold(root: string, fd: number, inside: string): Held {
  pinned.set(fd, { root, inside });
  return { fd, inside };
}

function release(held: Held): void {
  pinned.delete(held.fd);
  closeSync(held.fd);
}

/** Pins `path` of `root` (see the file comment). The caller closes the result. */
export function openInRoot(root: string, path: string, options: WalkOptions = {}): RootPath {
  if (root === '/' || posix.resolve(root) === '/') return onHost(path, options);
  const stack: Held[] = [hold(root, openSync(root, DIRECTORY_FLAGS), '/')];
  const created: string[] = [];
  try {
    const name = walk(root, stack, path, options, created);
    const parent = stack.pop()!;
    for (const held of stack) release(held);
    stack.length = 0;
    return pinnedPath(root, parent, name, created);
  } catch (error) {
    // Named while the fds are still known (a message may mention one), then closed.
    describeInRoot(error);
    for (const held of stack) release(held);
    throw error;
  }
}

/** Runs `use` on the pinned path and closes it afterwards; messages name the path inside the root. */
export async function withinRoot<T>(root: string, path: string, options: WalkOptions, use: (p: RootPath) => T | Promise<T>): Promise<T> {
  let target: RootPath;
  try {
    target = openInRoot(root, path, options);
  } catch (error) {
    throw describeInRoot(error);
  }
  try {
    return await use(target);
  } catch (error) {
    throw describeInRoot(error);
  } finally {
    target.close();
  }
}

function pinnedPath(root: string, parent: Held, name: string, created: string[]): RootPath {
  let open = true;
  const dir = `${FD_DIR}/${parent.fd}`;
  return {
    root,
    inside: name ? posix.join(parent.inside, name) : parent.inside,
    // `N/.` rather than `N` for the directory itself: the magic link `N` is a link to lstat(2).
    host: name ? `${dir}/${name}` : `${dir}/.`,
    parent: dir,
    name,
    created,
    close() {
      if (!open) return;
      open = false;
      release(parent);
    },
  };
}

/** Resolves components onto `stack`; returns the final name (its parent is the top of the stack). */
function walk(root: string, stack: Held[], path: string, options: WalkOptions, created: string[]): string {
  const pending = split(path);
  let links = 0;
  const top = () => stack[stack.length - 1]!;
  const follow = (at: Held, part: string): void => {
    if (++links > MAX_LINKS) throw new RootEscapeError(`too many levels of symbolic links resolving ${path} (ELOOP)`);
    const target = readlinkSync(`${FD_DIR}/${at.fd}/${part}`);
    if (target.startsWith('/')) while (stack.length > 1) release(stack.pop()!);
    pending.unshift(...split(target));
  };
  while (pending.length) {
    const part = pending.shift()!;
    if (part === '..') {
      if (stack.length > 1) release(stack.pop()!);
      continue;
    }
    const at = top();
    const inside = posix.join(at.inside, part);
    if (pending.length === 0) {
      // The final name: followed when it is a link (and asked to), never opened here.
      const info = lstatOrMissing(`${FD_DIR}/${at.fd}/${part}`);
      if (info?.isSymbolicLink() && options.followLast !== false) {
        follow(at, part);
        if (pending.length) continue;
        return ''; // the link leads to the root (or `..` of it)
      }
      return part;
    }
    let fd: number;
    try {
      fd = openSync(`${FD_DIR}/${at.fd}/${part}`, DIRECTORY_FLAGS);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ELOOP' || (code === 'ENOTDIR' && lstatOrMissing(`${FD_DIR}/${at.fd}/${part}`)?.isSymbolicLink())) {
        follow(at, part);
        continue;
      }
      if (code === 'ENOENT' && options.createParents) {
        makeDirectoryAt(at.fd, part, options.createParents);
        created.push(inside);
        pending.unshift(part); // open it like any other (it may have been replaced meanwhile)
        continue;
      }
      // As Node words them, naming the path inside the root.
      if (code === 'ENOTDIR') throw Object.assign(new Error(`ENOTDIR: not a directory, open '${inside}'`), { code });
      if (code === 'ENOENT') throw Object.assign(new Error(`ENOENT: no such file or directory, open '${inside}'`), { code });
      throw error;
    }
    stack.push(hold(root, fd, inside));
  }
  return '';
}

function split(p: string): string[] {
  return p.split('/').filter((s) => s !== '' && s !== '.');
}

function lstatOrMissing(path: string): Stats | undefined {
  try {
    return lstatSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** mkdir in the directory `dirFd`, then the exact mode (no umask) and owner through an fd of it. */
function makeDirectoryAt(dirFd: number, name: string, attributes: DirectoryAttributes): void {
  makeDirectory(`${FD_DIR}/${dirFd}/${name}`, attributes);
}

/** mkdir, then the exact mode and owner; one that exists already (made by someone else) is used as found. */
function makeDirectory(path: string, attributes: DirectoryAttributes): void {
  try {
    mkdirSync(path, { mode: attributes.mode & 0o7777 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return;
    throw error;
  }
  setAttributes(path, attributes);
}

/**
 * Sets mode and owner of what `path` names without following a link: a link is refused, a
 * device or FIFO is never opened (a type check through the pinned parent first), anything else
 * is opened with O_NOFOLLOW|O_NONBLOCK and changed through that fd (fchown first: it clears
 * setuid bits that fchmod then sets).
 */
export function setAttributes(
  path: string,
  attributes: { mode?: number | undefined; uid?: number | undefined; gid?: number | undefined },
): void {
  const info = lstatSync(path);
  if (info.isSymbolicLink()) throw errnoError('ELOOP', `${describeHostPath(path)} is a symbolic link; its mode and owner are left alone`);
  if (!info.isFile() && !info.isDirectory())
    throw errnoError('EPERM', `${describeHostPath(path)} is neither a file nor a directory; its mode and owner are left alone`);
  const fd = openSync(path, NODE_FLAGS);
  try {
    const now = fstatSync(fd);
    if (now.ino !== info.ino || now.dev !== info.dev) throw errnoError('EAGAIN', `${describeHostPath(path)} changed while being opened`);
    if (attributes.uid !== undefined || attributes.gid !== undefined) fchownSync(fd, attributes.uid ?? -1, attributes.gid ?? -1);
    if (attributes.mode !== undefined) fchmodSync(fd, attributes.mode & 0o7777);
  } finally {
    closeSync(fd);
  }
}

function errnoError(code: string, message: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${message} (${code})`), { code });
}

/** The host itself: plain paths, parents made with plain mkdir. */
function onHost(path: string, options: WalkOptions): RootPath {
  // resolveInRoot on '/' is path arithmetic only.
  const host = path.startsWith('/') ? posix.normalize(path) : posix.resolve('/', path);
  const clean = host.length > 1 && host.endsWith('/') ? host.slice(0, -1) : host;
  const created = options.createParents ? makeHostParents(posix.dirname(clean), options.createParents) : [];
  return { root: '/', inside: clean, host: clean, parent: posix.dirname(clean), name: posix.basename(clean), created, close() {} };
}

function makeHostParents(dir: string, attributes: DirectoryAttributes): string[] {
  const missing: string[] = [];
  for (let current = dir; !lstatOrMissing(current); current = posix.dirname(current)) {
    missing.unshift(current);
    if (posix.dirname(current) === current) break;
  }
  for (const d of missing) makeDirectory(d, attributes);
  return missing;
}
