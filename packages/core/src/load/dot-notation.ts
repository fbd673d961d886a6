/**
 * Dot notation, as used on the kernel command line: `stages.boot[0].commands[0]="echo hi"`.
 * The text is split shell-style into tokens; each `path=value` sets one path (the value is
 * always a string) and a token without `=` sets its path to "true".
 */

/** Splits like a POSIX shell would for plain words: quotes group, backslash escapes. */
export function shellSplit(text: string): string[] {
  const out: string[] = [];
  let current = '';
  let inToken = false;
  let quote: '"' | "'" | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === quote) quote = undefined;
      else if (c === '\\' && quote === '"' && i + 1 < text.length && '"\\$`'.includes(text[i + 1]!)) current += text[++i];
      else current += c;
      continue;
    }
    if (c === '"' || c === "'") {
      quote = c;
      inToken = true;
    } else if (c === '\\' && i + 1 < text.length) {
      current += text[++i];
      inToken = true;
    } else if (/\s/.test(c)) {
      if (inToken) out.push(current);
      current = '';
      inToken = false;
    } else {
      current += c;
      inToken = true;
    }
  }
  if (inToken) out.push(current);
  return out;
}

type Segment = string | number;

/** `a.b[0].c` → ['a', 'b', 0, 'c']; undefined when the path is malformed. */
export function parsePath(path: string): Segment[] | undefined {
  const segments: Segment[] = [];
  for (const part of path.split('.')) {
    const m = /^([^[\]]*)((?:\[\d+\])*)$/.exec(part);
    if (!m) return undefined;
    if (m[1]) segments.push(m[1]);
    else if (!m[2]) return undefined;
    for (const idx of m[2]!.matchAll(/\[(\d+)\]/g)) segments.push(Number(idx[1]));
  }
  return segments.length ? segments : undefined;
}

export interface DotNotationResult {
  readonly value: Record<string, unknown>;
  readonly rejected: string[];
}

export function parseDotNotation(text: string, accept: (path: Segment[]) => boolean = () => true): DotNotationResult {
  const root: Record<string, unknown> = {};
  const rejected: string[] = [];
  for (const token of shellSplit(text)) {
    const eq = token.indexOf('=');
    const pathText = eq === -1 ? token : token.slice(0, eq);
    const value = eq === -1 ? 'true' : token.slice(eq + 1);
    const path = parsePath(pathText);
    if (!path || typeof path[0] !== 'string') {
      rejected.push(token);
      continue;
    }
    if (!accept(path)) continue;
    if (!assign(root, path, value)) rejected.push(token);
  }
  return { value: compact(root) as Record<string, unknown>, rejected };
}

function assign(root: Record<string, unknown>, path: Segment[], value: string): boolean {
  let container: Record<string, unknown> | unknown[] = root;
  for (let i = 0; i < path.length; i++) {
    const seg = path[i]!;
    const last = i === path.length - 1;
    if (typeof seg === 'number' && !Array.isArray(container)) return false;
    if (typeof seg === 'string' && Array.isArray(container)) return false;
    const slot = container as Record<string | number, unknown>;
    if (last) {
      slot[seg] = value;
      return true;
    }
    const next = path[i + 1]!;
    let child = slot[seg];
    if (child === undefined || typeof child !== 'object' || child === null) {
      child = typeof next === 'number' ? [] : {};
      slot[seg] = child;
    }
    container = child as Record<string, unknown> | unknown[];
  }
  return true;
}

/** Sparse arrays (`[2]` set without `[0]`, `[1]`) lose their holes, keeping order. */
function compact(value: unknown): unknown {
  if (Array.isArray(value)) return value.filter((v) => v !== undefined).map(compact);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, compact(v)]));
  }
  return value;
}
