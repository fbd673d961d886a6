/**
 * Resolving a config path inside a target root the way the kernel would after chroot(2): every
 * component is looked up inside the root, symlinks are followed relative to the root (absolute
 * targets restart at the root, `..` never climbs above it). A config can therefore never make a
 * write land outside the root, whatever links the image contains.
 */
import { lstat, readlink } from 'node:fs/promises';
import { posix } from 'node:path';

const MAX_LINKS = 40; // as Linux's ELOOP limit

export class RootEscapeError extends Error {
  override name = 'RootEscapeError';
  /** The engine's error code for it (the engine keeps a thrown error's `code`). */
  readonly code = 'root-escape';
}

/** True when the run targets the host itself. */
export function isHostRoot(root: string): boolean {
  return posix.resolve(root) === '/';
}

/**
 * The host path of `path` as seen from inside `root`. Missing trailing components are allowed
 * (the caller is about to create them); a symlink loop is an error.
 */
export async function resolveInRoot(root: string, path: string): Promise<string> {
  // The host itself: nothing to confine (and this runs once per file a step writes).
  if (root === '/') return path.startsWith('/') ? withoutTrailingSlash(posix.normalize(path)) : posix.resolve('/', path);
  const base = posix.resolve(root);
  if (base === '/') return posix.resolve('/', path);
  const pending = splitPath(path);
  const resolved: string[] = [];
  let links = 0;
  while (pending.length) {
    const part = pending.shift()!;
    if (part === '.' || part === '') continue;
    if (part === '..') {
      resolved.pop();
      continue;
    }
    const candidate = posix.join(base, ...resolved, part);
    let isLink = false;
    try {
      isLink = (await lstat(candidate)).isSymbolicLink();
    } catch {
      // Missing: no link here. The walk goes on, because a later `..` can climb back to
      // components that exist and may be links (`/missing/../link/x`).
      resolved.push(part);
      continue;
    }
    if (!isLink) {
      resolved.push(part);
      continue;
    }
    if (++links > MAX_LINKS) throw new RootEscapeError(`too many levels of symbolic links resolving ${path} in ${root}`);
    const target = await readlink(candidate);
    if (target.startsWith('/')) resolved.length = 0;
    pending.unshift(...splitPath(target));
  }
  return normalizeInside(base, resolved);
}

function withoutTrailingSlash(p: string): string {
  return p.length > 1 && p.endsWith('/') ? p.slice(0, -1) : p;
}

function splitPath(p: string): string[] {
  return p.split('/').filter((s) => s.length > 0);
}

/** Joins resolved components under base, applying any `..` left in a missing tail. */
function normalizeInside(base: string, parts: string[]): string {
  const out: string[] = [];
  for (const p of parts) {
    if (p === '..') out.pop();
    else if (p !== '.' && p !== '') out.push(p);
  }
  return out.length ? posix.join(base, ...out) : base;
}

/** The path as seen from inside the root (for messages and chrooted commands). */
export function insideRoot(root: string, hostPath: string): string {
  const base = posix.resolve(root);
  if (base === '/') return hostPath;
  const rel = posix.relative(base, hostPath);
  return rel.startsWith('..') ? hostPath : `/${rel}`;
}
