// A compact take on Masterminds/semver v3 (what sprig's semverCompare uses): loose version parsing,
// comparison operators, x-ranges, tilde/caret, hyphen ranges, "," / space for AND and "||" for OR.

export interface Version {
  major: number;
  minor: number;
  patch: number;
  prerelease: string;
}

const VERSION =
  /^v?([0-9]+)(?:\.([0-9]+))?(?:\.([0-9]+))?(?:-([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?(?:\+[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?$/;

export function parseVersion(text: string): Version {
  const m = VERSION.exec(text.trim());
  if (!m) throw new Error('Invalid Semantic Version');
  return { major: Number(m[1]), minor: Number(m[2] ?? 0), patch: Number(m[3] ?? 0), prerelease: m[4] ?? '' };
}

function comparePrerelease(a: string, b: string): number {
  if (a === b) return 0;
  if (a === '') return 1;
  if (b === '') return -1;
  const pa = a.split('.');
  const pb = b.split('.');
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i];
    const y = pb[i];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    if (x === y) continue;
    const nx = /^[0-9]+$/.test(x);
    const ny = /^[0-9]+$/.test(y);
    if (nx && ny) return Number(x) < Number(y) ? -1 : 1;
    if (nx) return -1;
    if (ny) return 1;
    return x < y ? -1 : 1;
  }
  return 0;
}

export function compareVersions(a: Version, b: Version): number {
  for (const key of ['major', 'minor', 'patch'] as const) {
    if (a[key] !== b[key]) return a[key] < b[key] ? -1 : 1;
  }
  return comparePrerelease(a.prerelease, b.prerelease);
}

interface Constraint {
  op: string;
  version: Version;
  /** Which parts were wildcards or omitted ("1.2" is 1.2.x). */
  dirty: boolean;
  minorDirty: boolean;
  patchDirty: boolean;
}

const CONSTRAINT =
  /^(!=|>=|=>|<=|=<|~>|[=><~^])?\s*v?(?:([0-9]+|[xX*])(?:\.([0-9]+|[xX*]))?(?:\.([0-9]+|[xX*]))?)(-[0-9A-Za-z-.]+)?(\+[0-9A-Za-z-.]+)?$/;

function isWildcard(part: string | undefined): boolean {
  return part === 'x' || part === 'X' || part === '*';
}

function parseConstraint(text: string): Constraint {
  const m = CONSTRAINT.exec(text);
  if (!m) throw new Error(`improper constraint: ${text}`);
  const op = m[1] ?? '';
  const [major, minor, patch, pre = ''] = [m[2], m[3], m[4], m[5]];
  let dirty = false;
  let minorDirty = false;
  let patchDirty = false;
  let version: Version;
  if (major === undefined || isWildcard(major)) {
    dirty = true;
    minorDirty = true;
    patchDirty = true;
    version = { major: 0, minor: 0, patch: 0, prerelease: pre.slice(1) };
  } else if (minor === undefined || isWildcard(minor)) {
    dirty = true;
    minorDirty = true;
    patchDirty = true;
    version = { major: Number(major), minor: 0, patch: 0, prerelease: pre.slice(1) };
  } else if (patch === undefined || isWildcard(patch)) {
    dirty = true;
    patchDirty = true;
    version = { major: Number(major), minor: Number(minor), patch: 0, prerelease: pre.slice(1) };
  } else {
    version = { major: Number(major), minor: Number(minor), patch: Number(patch), prerelease: pre.slice(1) };
  }
  return { op, version, dirty, minorDirty, patchDirty };
}

function tilde(v: Version, c: Constraint): boolean {
  if (compareVersions(v, c.version) < 0) return false;
  const con = c.version;
  if (con.major === 0 && con.minor === 0 && con.patch === 0 && !c.minorDirty && !c.patchDirty) return true;
  if (v.major !== con.major) return false;
  if (v.minor !== con.minor && !c.minorDirty) return false;
  return true;
}

function caret(v: Version, c: Constraint): boolean {
  const con = c.version;
  if (compareVersions(v, con) < 0) return false;
  if (con.major > 0 || c.minorDirty) return v.major === con.major;
  if (v.major > 0) return false;
  if (con.minor > 0 || c.patchDirty) return v.minor === con.minor;
  if (v.minor > 0) return false;
  return v.patch === con.patch;
}

function check(v: Version, c: Constraint): boolean {
  const con = c.version;
  // Pre-releases only satisfy constraints that mention a pre-release themselves.
  if (v.prerelease !== '' && con.prerelease === '') return false;
  switch (c.op) {
    case '':
    case '=':
      return c.dirty ? tilde(v, c) : compareVersions(v, con) === 0;
    case '!=':
      if (!c.dirty) return compareVersions(v, con) !== 0;
      if (v.major !== con.major) return true;
      if (c.minorDirty) return false;
      if (v.minor !== con.minor) return true;
      return !c.patchDirty && v.patch !== con.patch;
    case '>':
      if (!c.dirty) return compareVersions(v, con) > 0;
      if (v.major !== con.major) return v.major > con.major;
      if (c.minorDirty) return false;
      return v.minor > con.minor;
    case '<':
      return compareVersions(v, con) < 0;
    case '>=':
    case '=>':
      return compareVersions(v, con) >= 0;
    case '<=':
    case '=<':
      if (!c.dirty) return compareVersions(v, con) <= 0;
      if (v.major !== con.major) return v.major < con.major;
      return c.minorDirty || v.minor <= con.minor;
    case '~':
    case '~>':
      return tilde(v, c);
    case '^':
      return caret(v, c);
    default:
      throw new Error(`improper constraint: ${c.op}`);
  }
}

function parseGroup(group: string): Constraint[] {
  // "1.2 - 1.4.5" is shorthand for ">= 1.2, <= 1.4.5".
  const normalized = group.replace(/(\S+)\s+-\s+(\S+)/g, '>=$1,<=$2');
  const tokens = normalized
    .replace(/(!=|>=|=>|<=|=<|~>|[=><~^])\s+/g, '$1')
    .split(/[\s,]+/)
    .filter((t) => t !== '');
  if (tokens.length === 0) throw new Error(`improper constraint: ${group}`);
  return tokens.map(parseConstraint);
}

/** semverCompare: does the version satisfy the constraint expression? */
export function satisfies(constraint: string, version: string): boolean {
  const v = parseVersion(version);
  const groups = constraint.split('||').map(parseGroup);
  return groups.some((group) => group.every((c) => check(v, c)));
}
